#!/usr/bin/env python3
"""Baseline for `reclens-cli bench import`: the import a user would otherwise write with Python's
csv module and sqlite3 -- read the interactions CSV, intern user and item ids with dicts, parse the
timestamps, insert the rows into an SQLite file in one transaction and index it.

Usage: bench_import_baseline.py INTERACTIONS.csv USER_COL ITEM_COL TIME_COL OUT.sqlite
Prints one JSON line: {"rows": N, "seconds": S, "rows_per_second": R}.
"""
import csv
import datetime
import json
import os
import sqlite3
import sys
import time


def parse_time(text, cache={}):
    value = cache.get(text)
    if value is None:
        if text.isdigit():
            value = int(text)
        else:
            dt = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
            if dt.tzinfo is None:
                dt = dt.replace(tzinfo=datetime.timezone.utc)
            value = int(dt.timestamp())
        if len(cache) < 1_000_000:
            cache[text] = value
    return value


def main():
    path, user_col, item_col, time_col, out = sys.argv[1:6]
    start = time.perf_counter()
    if os.path.exists(out):
        os.remove(out)
    db = sqlite3.connect(out)
    db.execute("CREATE TABLE interactions(user INTEGER NOT NULL, item INTEGER NOT NULL, ts INTEGER NOT NULL,"
               " kind INTEGER NOT NULL, weight REAL NOT NULL)")
    db.execute("CREATE TABLE items(idx INTEGER PRIMARY KEY, ext_id TEXT NOT NULL)")
    db.execute("CREATE TABLE users(idx INTEGER PRIMARY KEY, ext_id TEXT NOT NULL)")
    users, items = {}, {}
    rows = 0

    def records(reader, u, i, t):
        nonlocal rows
        for rec in reader:
            rows += 1
            uid = users.setdefault(rec[u], len(users))
            iid = items.setdefault(rec[i], len(items))
            yield (uid, iid, parse_time(rec[t]), 0, 1.0)

    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        u, i, t = header.index(user_col), header.index(item_col), header.index(time_col)
        db.execute("BEGIN")
        db.executemany("INSERT INTO interactions VALUES(?, ?, ?, ?, ?)", records(reader, u, i, t))
    db.executemany("INSERT INTO users VALUES(?, ?)", ((v, k) for k, v in users.items()))
    db.executemany("INSERT INTO items VALUES(?, ?)", ((v, k) for k, v in items.items()))
    db.execute("CREATE UNIQUE INDEX items_ext_id ON items(ext_id)")
    db.execute("CREATE UNIQUE INDEX users_ext_id ON users(ext_id)")
    db.commit()
    db.close()
    seconds = time.perf_counter() - start
    print(json.dumps({"rows": rows, "seconds": seconds, "rows_per_second": rows / seconds if seconds > 0 else 0.0}))


if __name__ == "__main__":
    main()
