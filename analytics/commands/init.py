from analytics.core import warehouse

NAME = "init"
HELP = "create an empty warehouse (or bring an existing one's schema up to date)"


def add_arguments(parser):
    pass


def run(args) -> int:
    path = warehouse.init(warehouse.resolve_db_path(args.db))
    print(f"warehouse ready: {path}")
    return 0
