"""analytics.ui.gc_pauses: the process freezes its long-lived objects once per set of new modules, so
later full collections (which landed inside page views as 50–220 ms pauses) skip them."""
import gc
import sys
import types

from analytics.ui import gc_pauses


def test_freezes_once_per_set_of_new_modules(monkeypatch):
    monkeypatch.setattr(gc_pauses, "_modules_frozen", 0)
    collected = []
    monkeypatch.setattr(gc, "collect", lambda *a: collected.append(1) or 0)
    try:
        assert gc_pauses.freeze_long_lived() is True
        frozen = gc.get_freeze_count()
        assert frozen > 0 and collected == [1]  # collected first: no garbage in the frozen set
        assert gc_pauses.freeze_long_lived() is False  # nothing new imported: no collection, no freeze
        assert collected == [1]
        monkeypatch.setitem(sys.modules, "switchboard_test_new_module", types.ModuleType("x"))
        assert gc_pauses.freeze_long_lived() is True
        assert collected == [1, 1]
    finally:
        gc.unfreeze()  # the test process keeps collecting everything


def test_frozen_objects_stay_usable_and_later_garbage_is_collected(monkeypatch):
    import weakref

    monkeypatch.setattr(gc_pauses, "_modules_frozen", 0)

    class Node:
        pass

    keep = Node()
    keep.me = keep  # a cycle that stays alive through the freeze
    try:
        gc_pauses.freeze_long_lived()
        assert keep.me is keep
        later = Node()
        later.me = later  # a cycle made after the freeze: still the collector's
        gone = weakref.ref(later)
        del later
        gc.collect()
        assert gone() is None
    finally:
        gc.unfreeze()
