"""Regenerates this folder's fictional ACD export ("Avaya-like": semicolon-delimited, UTF-8 with BOM,
dd/mm/yyyy dates, durations as mm:ss, Persian and Chinese names and queues). Deterministic.

    python sample_data/acd_export/generate.py
"""
import csv
import random
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
rng = random.Random(20240501)

AGENTS = [
    # login, name, team leader, site, position, start, end, exit reason
    ("TL01", "مریم احمدی", "", "تهران", "Team Leader", date(2021, 3, 1), None, ""),
    ("TL02", "王芳", "", "上海", "Team Leader", date(2020, 9, 15), None, ""),
    ("MGR1", "Sara Nolan", "", "Tehran", "Manager", date(2019, 1, 7), None, ""),
]
_persian = ["علی رضایی", "زهرا محمدی", "رضا کریمی", "فاطمه حسینی", "حسین موسوی", "نرگس جعفری", "امیر صادقی"]
_chinese = ["李伟", "张敏", "刘洋", "陈静", "杨磊", "赵丽", "黄强"]
for i, name in enumerate(_persian + _chinese):
    persian = i < len(_persian)
    start = date(2022, 1, 3) + timedelta(days=rng.randint(0, 600))
    left = start + timedelta(days=rng.randint(200, 500)) if i in (2, 9) else None
    AGENTS.append((f"A{101 + i}", name, "TL01" if persian else "TL02", "تهران" if persian else "上海", "Agent",
                   start, left, ("Resigned" if i == 2 else "Terminated") if left else ""))

QUEUES = {"TL01": ["پشتیبانی فنی", "صورتحساب"], "TL02": ["技术支持", "账单查询"]}


def dmy(d):
    return d.strftime("%d/%m/%Y")


def mmss(seconds):
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def write(name, header, rows):
    with open(HERE / name, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(header)
        w.writerows(rows)


write("agents.csv", ["Agent Login", "Agent Name", "Team Leader", "Site", "Position", "Start Date", "End Date",
                     "Exit Reason"],
      [(a[0], a[1], a[2], a[3], a[4], dmy(a[5]), dmy(a[6]) if a[6] else "", a[7]) for a in AGENTS])

callers = [f"+98912{rng.randint(1000000, 9999999)}" for _ in range(120)] + \
          [f"+86138{rng.randint(10000000, 99999999)}" for _ in range(80)]
working = [a for a in AGENTS if a[4] == "Agent"]
rows = []
t = datetime(2024, 4, 1, 8, 0, 0)
for n in range(600):
    t += timedelta(seconds=rng.randint(60, 900))
    if t.hour >= 18:
        t = t.replace(hour=8, minute=0) + timedelta(days=1)
    agent = rng.choice([a for a in working if a[6] is None or a[6] > t.date()])
    queue = rng.choice(QUEUES[agent[2]])
    abandoned = rng.random() < 0.12
    wait = rng.randint(0, 40) if abandoned else int(rng.expovariate(1 / 25))
    rows.append((
        f"C{240000 + n}", t.strftime("%d/%m/%Y %H:%M:%S"), queue,
        "" if rng.random() < 0.1 else rng.choice(callers),
        "ABANDONED" if abandoned else "ANSWERED",
        "" if abandoned else agent[0],
        mmss(wait), mmss(0 if abandoned else rng.randint(60, 900)),
        mmss(0 if abandoned or rng.random() < 0.7 else rng.randint(5, 120)),
        mmss(0 if abandoned else rng.randint(10, 90)),
        "" if abandoned else ("Y" if rng.random() < 0.08 else "N"),
        rng.choice(["قطعی اینترنت", "فاکتور", "退款", "密码重置", "Other"]),
    ))
write("calls.csv", ["Call ID", "Start Time", "Skill", "ANI", "Disposition", "Agent Login", "Queue Time",
                    "Talk Time", "Hold Time", "Wrap Time", "Transferred", "Contact Reason"], rows)
