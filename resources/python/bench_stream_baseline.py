#!/usr/bin/env python3
"""Baseline for `reclens-cli bench stream`: appending an event file to a project the way one would with
Python's csv and sqlite3 modules, doing the same work as `reclens-cli stream --input FILE`.

Usage: bench_stream_baseline.py PROJECT EVENTS.csv WORK_DIR [--batch N] [--repeat R]

Each run copies PROJECT to a fresh file in WORK_DIR (not timed), then, timed: connects, puts the file in
WAL journal mode with synchronous=NORMAL, reads the user, item and kind ids into dicts, reads EVENTS.csv
(header: user, item, time, kind, weight) with the csv module, parses each time (Unix seconds or ISO-8601)
and weight, creates unknown users and items (an item's first_seen is its event's time) and kinds, and
writes the interactions with executemany in transactions of N events (BEGIN IMMEDIATE ... COMMIT).
Prints one JSON line: the raw seconds of every run ("times_s"), the events written, the users, items and
kinds created, and the interaction count of the last run's file, which reclens-cli compares with its own.
"""
import argparse
import csv
import datetime
import json
import os
import shutil
import sqlite3
import time


def parse_time(text):
    if text.lstrip("-").isdigit():
        return int(text)
    dt = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=datetime.timezone.utc)
    return int(dt.timestamp())


def append_events(path, events_path, batch):
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    users = {ext: idx for idx, ext in con.execute("SELECT idx, ext_id FROM users")}
    items = {ext: idx for idx, ext in con.execute("SELECT idx, ext_id FROM items")}
    kinds = {name: k for k, name in con.execute("SELECT kind, name FROM interaction_kinds")}
    first = con.execute("SELECT name FROM interaction_kinds ORDER BY kind LIMIT 1").fetchone()
    default_kind = first[0] if first else "interaction"
    created = {"users": 0, "items": 0, "kinds": 0}
    written = 0
    new_users, new_items, new_kinds, rows = [], [], [], []

    def commit():
        nonlocal written
        con.execute("BEGIN IMMEDIATE")
        con.executemany("INSERT INTO users(idx, ext_id) VALUES(?, ?)", new_users)
        con.executemany("INSERT INTO items(idx, ext_id, first_seen) VALUES(?, ?, ?)", new_items)
        con.executemany("INSERT INTO interaction_kinds(kind, name) VALUES(?, ?)", new_kinds)
        con.executemany("INSERT INTO interactions(user, item, ts, kind, weight) VALUES(?, ?, ?, ?, ?)", rows)
        con.execute("COMMIT")
        written += len(rows)
        created["users"] += len(new_users)
        created["items"] += len(new_items)
        created["kinds"] += len(new_kinds)
        new_users.clear()
        new_items.clear()
        new_kinds.clear()
        rows.clear()

    with open(events_path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = [h.strip().lower() for h in next(reader)]
        cu, ci, ct = header.index("user"), header.index("item"), header.index("time")
        ck = header.index("kind") if "kind" in header else -1
        cw = header.index("weight") if "weight" in header else -1
        for rec in reader:
            ts = parse_time(rec[ct])
            u = users.get(rec[cu])
            if u is None:
                u = users[rec[cu]] = len(users)
                new_users.append((u, rec[cu]))
            i = items.get(rec[ci])
            if i is None:
                i = items[rec[ci]] = len(items)
                new_items.append((i, rec[ci], ts))
            name = rec[ck] if ck >= 0 and rec[ck] else default_kind
            k = kinds.get(name)
            if k is None:
                k = kinds[name] = len(kinds)
                new_kinds.append((k, name))
            w = float(rec[cw]) if cw >= 0 and rec[cw] else 1.0
            rows.append((u, i, ts, k, w))
            if len(rows) >= batch:
                commit()
    if rows:
        commit()
    total = con.execute("SELECT count(*) FROM interactions").fetchone()[0]
    con.close()
    return written, created, total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("project")
    ap.add_argument("events")
    ap.add_argument("work_dir")
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args()
    times = []
    result = None
    for r in range(a.repeat):
        path = os.path.join(a.work_dir, "baseline-%d.reclens" % r)
        shutil.copyfile(a.project, path)
        start = time.perf_counter()
        result = append_events(path, a.events, a.batch)
        times.append(time.perf_counter() - start)
        os.remove(path)
    written, created, total = result
    print(json.dumps({"times_s": times, "events": written, "users_created": created["users"],
                      "items_created": created["items"], "kinds_created": created["kinds"],
                      "interactions": total}))


if __name__ == "__main__":
    main()
