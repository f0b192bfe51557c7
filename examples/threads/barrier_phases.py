"""A Barrier splits work into phases: no one starts phase n+1 before all finish n."""
import threading

PARTIES = 3
PHASES = 3


def worker(idx, barrier, parts):
    for phase in range(PHASES):
        # Each thread writes only its own slot, so no lock is needed here.
        parts[phase][idx] = (idx + 1) * 10 ** phase
        barrier.wait(timeout=5)


if __name__ == "__main__":
    parts = [[None] * PARTIES for _ in range(PHASES)]
    totals = []

    def close_phase():
        # Runs once per phase, in one of the threads, after all have arrived
        # and before any is released: every slot of the phase is filled.
        phase = len(totals)
        totals.append((phase, list(parts[phase]), sum(parts[phase])))

    barrier = threading.Barrier(PARTIES, action=close_phase)
    workers = [
        threading.Thread(target=worker, args=(i, barrier, parts)) for i in range(PARTIES)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=5)
        assert not w.is_alive()
    for phase, values, total in totals:
        print("phase", phase, "parts", values, "total", total)
