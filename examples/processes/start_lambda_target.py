"""Under spawn and forkserver the target and its arguments are pickled; not under fork."""
import multiprocessing


def start_with(ctx, target, args):
    child = ctx.Process(target=target, args=args)
    try:
        child.start()
    except Exception as exc:  # raised in the parent, before any child exists
        return f"start() raised {type(exc).__name__}"
    child.join(10)
    return f"exit code {child.exitcode}"


if __name__ == "__main__":
    cases = {
        "built-in function": (abs, (-1,)),
        "lambda": (lambda: None, ()),
        "function, generator arg": (sum, ((n for n in range(3)),)),
    }
    available = multiprocessing.get_all_start_methods()  # Windows: spawn only
    for method in [m for m in ("fork", "spawn", "forkserver") if m in available]:
        ctx = multiprocessing.get_context(method)
        for label, (target, args) in cases.items():
            print(f"{method:<10}  {label:<24} {start_with(ctx, target, args)}")
