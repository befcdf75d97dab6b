"""The Customer page's data (FCR, repeats, reasons, surveys) and its charts."""
