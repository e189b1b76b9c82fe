"""The Python original's plugin dispatch, measured the way bench 3 measures ours.

CAO (Python) hands each event to every subscribed hook with asyncio.create_task on the server's
event loop (reference: cao-python-behaviour.md, plugin dispatch). This script emits events at a
fixed rate from the loop and records emit -> hook-start latency. Prints one line:
    p50_us p99_us events
Usage: python3 dispatch_reference.py [rate_per_second] [seconds]
"""
import asyncio
import sys
import time


async def main(rate: int, seconds: float) -> None:
    count = int(rate * seconds)
    started = [0] * count
    emitted = [0] * count
    done = asyncio.Event()
    seen = 0

    async def hook(i: int) -> None:
        nonlocal seen
        started[i] = time.perf_counter_ns()
        seen += 1
        if seen == count:
            done.set()

    interval = 1_000_000_000 // rate
    begin = time.perf_counter_ns()
    for i in range(count):
        due = begin + i * interval
        # Yield to the loop until the event is due, so hooks run between emits as they would in the server.
        while time.perf_counter_ns() < due:
            await asyncio.sleep(0)
        emitted[i] = time.perf_counter_ns()
        asyncio.create_task(hook(i))
    await done.wait()
    latencies = sorted((started[i] - emitted[i]) / 1000 for i in range(count))
    p50 = latencies[int(0.50 * count) - 1]
    p99 = latencies[int(0.99 * count) - 1]
    print(f"{p50:.1f} {p99:.1f} {count}")


if __name__ == "__main__":
    rate = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
    asyncio.run(main(rate, seconds))
