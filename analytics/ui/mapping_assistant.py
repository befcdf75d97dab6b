"""The Data page's mapping assistant: the file's columns, then per canonical column a source and a
transformation picked from menus; returns the mapping SQL (analytics.importer.assistant writes it)."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import streamlit as st

from analytics.importer import assistant, profiles, sniff
from analytics.importer.assistant import DATE_FORMATS, DATETIME_FORMATS, TIME_FORMATS, TRANSFORMS, Pick, Spec
from analytics.importer.contract import CONTRACTS
from analytics.core import units
from analytics.i18n import N_, _, isolate, ngettext

# the source menu's two special entries (values; said in the session's language by format_func)
NOT_MAPPED = "— not mapped —"
CONSTANT = "(a constant value)"
_SPECIAL = {NOT_MAPPED: N_("— not mapped —"), CONSTANT: N_("(a constant value)")}
_HELP = {
    "text": N_("text"), "number": N_("number ≥ 0"), "integer": N_("whole number"), "timestamp": N_("date and time"),
    "date": N_("date"), "boolean": N_("true/false"),
}


@st.cache_data(show_spinner=False, max_entries=16)
def _columns(path: str, mtime: float, encoding: str | None) -> list[sniff.ColumnInfo]:
    return sniff.inspect_file(Path(path), encoding)


@st.cache_data(show_spinner=False, max_entries=64)
def _values(path: str, mtime: float, encoding: str | None, column: str) -> list[str]:
    return sniff.distinct_values(Path(path), column, encoding)


def file_columns(path: Path, encoding: str | None) -> list[sniff.ColumnInfo]:
    return _columns(str(path), path.stat().st_mtime, encoding)


# what analytics.importer.sniff says a column looks like (English there: the assistant reads it, and the
# columns are cached across languages), in words of the session's language here
_DETECTED = {w: w for w in (N_("empty"), N_("yes/no"), N_("whole number"), N_("number"), N_("duration hh:mm:ss"),
                            N_("duration mm:ss"), N_("date and time, ISO 8601"), N_("text"))}


def detected_text(detected: str) -> str:
    if detected in _DETECTED:
        return _(_DETECTED[detected])
    m = re.fullmatch(r"text, (\d+) values?", detected)
    if m:
        n = int(m.group(1))
        return ngettext("text, {n} value", "text, {n} values", n).format(n=units.number(n, 0))
    for prefix, template in (("date and time ", N_("date and time {format}")), ("date ", N_("date {format}"))):
        if detected.startswith(prefix):
            return _(template).format(format=isolate(detected[len(prefix):]))
    return detected


def show_columns(cols: list[sniff.ColumnInfo]) -> None:
    st.dataframe(
        pd.DataFrame([(c.name, detected_text(c.detected), " · ".join(c.samples)) for c in cols],
                     columns=[_("column in your file"), _("looks like"), _("sample values")]),
        hide_index=True, width="stretch", height=min(35 * (len(cols) + 1) + 3, 740),
    )


def _guess_map(values: list[str], allowed: tuple[str, ...], kind: str) -> str:
    """Prefill a value map: each value onto the allowed value it spells (ANSWERED → answered)."""
    targets = allowed or (("true", "false") if kind == "boolean" else ())
    pairs = []
    for v in values:
        low = v.strip().lower()
        hit = next((t for t in targets if low == t or (len(low) >= 4 and t.startswith(low[:4]))), "")
        pairs.append(f"{v}={hit}")
    return "; ".join(pairs)


def _plain(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def _signature(file_columns) -> str:
    return hashlib.sha1("\x1f".join(file_columns).encode("utf-8")).hexdigest()[:10]


def same_name(column: str, file_columns) -> str | None:
    """The file's column named as the canonical one (case, spaces, '_' and '-' aside: `Call ID` is
    call_id), which the assistant picks to begin with: a file already in the contract's names maps itself."""
    return next((c for c in file_columns if _plain(c) == _plain(column)), None)


def _pick_for(table: str, column, path: Path, encoding, infos: dict[str, sniff.ColumnInfo]) -> Pick:
    name = column.name
    mark = " *" if column.required else ""
    hint = (_("{kind}, one of {values}").format(kind=_(_HELP[column.kind]), values=isolate("/".join(column.allowed)))
            if column.allowed else _(_HELP[column.kind]))
    label, src_col, tf_col, opt_col = st.columns([2, 3, 3, 4], vertical_alignment="center")
    label.markdown(f"**{name}**{mark}  \n:gray[{hint}]")
    options = [NOT_MAPPED, *infos, CONSTANT]
    same = same_name(name, infos)
    # keyed on the file's columns too: another file starts from its own names, not the last file's picks
    source = src_col.selectbox(_("Source for {column}").format(column=name), options,
                               key=f"asst_{table}_{name}_src_{_signature(infos)}",
                               index=options.index(same) if same else 0,
                               format_func=lambda v: _(_SPECIAL[v]) if v in _SPECIAL else v,
                               label_visibility="collapsed")
    if source == NOT_MAPPED:
        return Pick()
    if source == CONSTANT:
        value = opt_col.text_input(_("Constant for {column}").format(column=name), key=f"asst_{table}_{name}_const",
                                   placeholder=_("the value for every row"))
        return Pick(transform="constant", values=value)
    choices = [t for t in assistant.choices(table, name) if t != "constant"]
    info = infos[source]
    guess = info.suggestion.transform
    if column.allowed and info.detected.startswith("text,") and "map" in choices:
        guess = "map"
    if guess == "number" and name.endswith("_s"):
        guess = "seconds"  # a plain number into a duration column: most exports count seconds
    default = choices.index(guess) if guess in choices else 0
    # keyed on the source too: picking another column starts again from what that column looks like
    transform = tf_col.selectbox(_("Transformation for {column}").format(column=name), choices, index=default,
                                 format_func=lambda t: _(TRANSFORMS[t]), key=f"asst_{table}_{name}_tf_{source}",
                                 label_visibility="collapsed")
    fmt = source2 = values = ""
    zero = False
    if transform in ("date", "datetime", "date_time"):
        menu = list(DATE_FORMATS if transform == "date" else DATETIME_FORMATS)
        if transform == "date_time":
            menu = [m for m in menu if m != assistant.ISO]
            others = [c for c in infos if c != source]
            source2 = opt_col.selectbox(_("Time column for {column}").format(column=name), others,
                                        key=f"asst_{table}_{name}_time")
        sugg = info.suggestion.fmt
        fmt = opt_col.selectbox(_("Format for {column}").format(column=name), menu, index=menu.index(sugg) if sugg in menu else 0,
                                key=f"asst_{table}_{name}_fmt_{source}_{transform}")
    elif transform == "filled":
        first = column.allowed or ("true", "false")
        values = opt_col.text_input(_("Values for {column}").format(column=name),
                                    value=f"{first[0]}; {first[1] if len(first) > 1 else ''}",
                                    key=f"asst_{table}_{name}_filled_{source}",
                                    help=_("the value when the column is filled; the value when it is empty"))
    elif transform == "map":
        prefill = _guess_map(_values(str(path), path.stat().st_mtime, encoding, source), column.allowed, column.kind)
        values = opt_col.text_input(_("Values for {column}").format(column=name), value=prefill,
                                    key=f"asst_{table}_{name}_map_{source}",
                                    help=_("FROM=to pairs separated by ';'. Values not listed are kept, "
                                           "so a value outside the allowed ones is rejected with its row."))
    empty_zero = False
    fallback = ""
    if name in ("call_id", "leg_id"):
        others = ["—", *(c for c in infos if c != source)]
        picked = opt_col.selectbox(_("If empty, use for {column}").format(column=name), others,
                                   key=f"asst_{table}_{name}_fallback",
                                   help=_("another column to take when this one is empty"))
        fallback = "" if picked == "—" else picked
    if column.kind in ("number", "integer", "text") and transform not in ("map", "filled") and not fallback:
        zero = opt_col.checkbox(_("0 means unknown"), key=f"asst_{table}_{name}_zero")
    if column.kind in ("number", "integer") and transform not in ("map",):
        empty_zero = opt_col.checkbox(_("empty means 0"), key=f"asst_{table}_{name}_empty0")
    return Pick(source, transform, fmt=fmt, source2=source2, values=values, zero_unknown=zero,
                empty_zero=empty_zero, fallback=fallback)


def render(table: str, path: Path, encoding: str | None) -> str | None:
    """The assistant for `table` on the file at `path`; the mapping SQL (None while it cannot be written
    or a required column is still unmapped)."""
    infos = {c.name: c for c in file_columns(path, encoding)}
    st.subheader(_("Map your columns"))
    st.caption(_("For each column Switchboard needs (* = required), pick the column of your file that holds it "
                 "and how to read it. Columns you leave unmapped stay empty. If your file has one row per "
                 "transfer leg, map leg_id to the leg's own id and call_id to the id all legs of a call share: "
                 "the legs become one call."))
    picks = {c.name: _pick_for(table, c, path, encoding, infos) for c in CONTRACTS[table].columns}
    spec = Spec(table, picks)
    missing = assistant.missing_required(spec)
    if missing:  # nothing to preview, dry-run or import until they are: the file would be refused whole
        st.warning(_("Still to map (required): {columns}").format(columns=isolate(", ".join(missing))))
        return None
    try:
        return assistant.to_sql(spec)
    except assistant.SpecError as exc:
        st.error(str(exc))
        return None


@st.cache_data(show_spinner=False, max_entries=8)
def _profiles(db: str, data_version: str) -> list[profiles.Profile]:
    return profiles.all_profiles(Path(db))


def offered_profiles(db: Path, data_version: str, table: str, path: Path, encoding) -> list[profiles.Profile]:
    """The saved and bundled profiles this file has the columns for; a match for another table is named."""
    try:
        known = _profiles(str(db), data_version)
    except Exception as exc:  # an unreadable warehouse: the assistant still works without profiles
        st.caption(_("Saved mapping profiles could not be read: {error}").format(error=str(exc).splitlines()[0]))
        return []
    cols = [c.name for c in file_columns(path, encoding)]
    json_lines = profiles.is_json_lines(path.name)
    others = [p for p in profiles.matching(known, None, cols, json_lines) if p.table != table]
    if others:
        st.caption(_("This file also matches {profiles} — choose that table above to use it.").format(
            profiles=_("; ").join(_("profile “{name}” for table {table}").format(name=isolate(p.name), table=isolate(p.table))
                                  for p in others)))
    return profiles.matching(known, table, cols, json_lines)


def save_profile_form(db: Path, table: str, mapping: str) -> None:
    with st.expander(_("Save this mapping as a profile (offered again for files with these columns)")):
        name = st.text_input(_("Profile name"), key=f"profile_name_{table}")
        note = st.text_input(_("Note (optional)"), key=f"profile_note_{table}")
        if st.button(_("Save profile"), key=f"profile_save_{table}"):
            try:
                saved = profiles.save(db, name, table, mapping, note)
            except Exception as exc:  # a bad name or mapping, a busy warehouse: say why, keep the page
                st.error(_("Not saved: {error}").format(error=str(exc).splitlines()[0]))
            else:
                _profiles.clear()
                st.success(ngettext("Saved profile “{name}” ({n} source column).",
                                    "Saved profile “{name}” ({n} source columns).", len(saved.columns)).format(
                    name=isolate(saved.name), n=units.number(len(saved.columns), 0)))
