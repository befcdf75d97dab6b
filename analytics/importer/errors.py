"""The one error type of the importer: a problem with the input that is not about single rows."""


class ImportInputError(Exception):
    """A file-level problem (missing/empty/unreadable file, bad mapping, missing column).

    The message is one line naming the file or column; callers show it as-is, never a traceback.
    """
