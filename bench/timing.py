"""The timing loop: what one round times, how many messages a round gets,
how rounds of a mechanism and its limit take turns, and the statistics.

Nothing here knows any mechanism. A mechanism is reached only through a
``round(metric, payload, n)`` callable (see runners.py), which returns the
seconds of a throughput round or the list of round-trip samples of a
latency round.
"""
import faulthandler
import statistics
import time

SIZES = (64, 4096, 1 << 20)
METRICS = ("throughput", "latency")
BUDGET = 120.0  # seconds one measurement may take before the watchdog fires
SETUP_TIMEOUT = 30.0  # seconds for a child to start, connect and answer


def payload_of(size):
    """The message: a bytes object of exactly `size` bytes."""
    return (bytes(range(256)) * (size // 256 + 1))[:size]


def human_size(size):
    if size >= 1 << 20:
        return "%d MiB" % (size >> 20)
    if size >= 1 << 10:
        return "%d KiB" % (size >> 10)
    return "%d B" % size


def produce(metric, n, payload, send, recv, finish):
    """The timed side of one round, the same for every mechanism.

    throughput: send n messages, then ``finish()`` waits for the consumer to
    have them all, inside the timed region; returns (seconds, finish()).
    latency: n round trips, each timed alone; returns (samples, finish()).
    """
    clock = time.perf_counter
    if metric == "throughput":
        t0 = clock()
        for _ in range(n):
            send(payload)
        done = finish()
        return clock() - t0, done
    samples = []
    for _ in range(n):
        t0 = clock()
        send(payload)
        recv()
        samples.append(clock() - t0)
    return samples, finish()


def consume(metric, n, send, recv):
    """The other side: take n messages, echoing each for a round trip; return the last."""
    msg = None
    if metric == "throughput":
        for _ in range(n):
            msg = recv()
    else:
        for _ in range(n):
            msg = recv()
            send(msg)
    return msg


def spread(values):
    values = sorted(values)
    out = {"median": statistics.median(values), "min": values[0], "max": values[-1]}
    if len(values) >= 2:
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
        out.update(q1=q1, q3=q3)
    else:
        out.update(q1=values[0], q3=values[0])
    return out


def p99(values):
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def guarded(run_round, metric, payload, n):
    """One round under the watchdog: a round that stalls for BUDGET seconds ends the run."""
    faulthandler.dump_traceback_later(BUDGET, exit=True)
    try:
        return run_round(metric, payload, n)
    finally:
        faulthandler.cancel_dump_traceback_later()


def calibrate(run_round, metric, payload, settings):
    """Choose N so that one round lasts about round_seconds."""
    size = len(payload)
    if settings["quick"]:
        return settings["quick_messages"] if size < SIZES[-1] else max(4, settings["quick_messages"] // 5)
    # Grow a pilot round until it lasts long enough to time (this is also
    # the warm-up), then scale N.
    target = settings["round_seconds"]
    n = 8 if metric == "latency" or size >= SIZES[-1] else 64
    while True:
        pilot = guarded(run_round, metric, payload, n)
        took = pilot if metric == "throughput" else sum(pilot)
        if took >= target / 4 or n >= settings["max_messages"]:
            break
        n *= 4
    # One pilot can be hit by a busy moment of the machine: take the
    # fastest of three, so that a hiccup does not make every round short.
    for _ in range(2):
        pilot = guarded(run_round, metric, payload, n)
        took = min(took, pilot if metric == "throughput" else sum(pilot))
    n = int(n * target / max(took, 1e-9))
    return max(settings["min_messages"], min(settings["max_messages"], n))


def summarize(metric, size, n, rounds):
    if metric == "throughput":
        rates = [n / t for t in rounds]
        return {
            "messages_per_round": n,
            "rounds": len(rounds),
            "seconds_per_round": [round(t, 6) for t in rounds],
            "msgs_per_s": spread(rates),
            "mb_per_s": spread([r * size / 1e6 for r in rates]),
        }
    pooled = [s for r in rounds for s in r]
    return {
        "messages_per_round": n,
        "rounds": len(rounds),
        "samples": len(pooled),
        "median_us": statistics.median(pooled) * 1e6,
        "p99_us": p99(pooled) * 1e6,
        "round_median_us": spread([statistics.median(r) * 1e6 for r in rounds]),
    }


def measure_family(runners, metric, size, settings):
    """Interleave the rounds of a limit and of every mechanism measured against it.

    Each mechanism gets its own N, then round 1 of every member runs, then
    round 2, and so on (in a rotating order), so that a busy moment of the
    machine falls on the mechanism and on its limit alike.
    """
    payload = payload_of(size)
    ids = list(runners)
    counts = {m: calibrate(runners[m], metric, payload, settings) for m in ids}
    rounds = {m: [] for m in ids}
    for r in range(settings["rounds"]):
        shift = r % len(ids)
        for m in ids[shift:] + ids[:shift]:
            rounds[m].append(guarded(runners[m], metric, payload, counts[m]))
    return {m: summarize(metric, size, counts[m], rounds[m]) for m in ids}
