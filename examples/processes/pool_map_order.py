"""Pool.map returns results in input order; imap_unordered yields them as they finish."""
import multiprocessing


def square(n):
    return n * n


if __name__ == "__main__":
    ctx = multiprocessing.get_context()
    numbers = range(10)
    with ctx.Pool(processes=3) as pool:
        # map() cuts the input into chunks, one task per chunk, and puts
        # the answers back in input order whatever order they finish in.
        ordered = pool.map_async(square, numbers, chunksize=4).get(timeout=30)

        # imap_unordered() yields each answer as soon as it arrives: the
        # order changes from run to run, so sort before showing it.
        arrived = []
        answers = pool.imap_unordered(square, numbers, chunksize=1)
        for _ in numbers:
            arrived.append(answers.next(timeout=30))

        # Leaving the with-block calls terminate(): collect every result
        # before that, as above.

    print("map:           ", ordered)
    print("imap_unordered:", sorted(arrived), "(sorted)")
    print("same answers:  ", sorted(arrived) == ordered)
