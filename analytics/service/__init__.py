"""The Service & queues page's data (heatmaps, wait distribution, longest waits) and its charts."""
