"""The speed benchmark (`python -m analytics bench`): page latencies, rollup vs detail vs pandas, memory."""
