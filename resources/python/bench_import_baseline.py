#!/usr/bin/env python3
"""Baseline for `reclens-cli bench import`: the import a user would otherwise write with Python's csv
module and sqlite3, doing the same work as RecLens's importer.

Usage: bench_import_baseline.py MAPPING.json OUT.sqlite [--repeat R]

MAPPING.json (written by reclens-cli from the mapping it imports) names the files and columns:
  {"interactions": {"path", "user", "item", "time", "time_format": "auto"|"iso8601"|"unix",
                    "weight", "kind", "default_kind", "item_title", "item_price", "item_category",
                    "item_brand", "user_attributes": [...], "uppercase_item_ids": bool,
                    "filters": [{"column", "op": "not_empty"|"not_prefix"|"regex"|"greater_than", "value"}]},
   "items": null | {"path", "id", "title", "category", "brand", "price", "first_seen", "attributes": [...],
                    "uppercase_ids": bool},
   "users": null | {"path", "id", "attributes": [...]}}      (an empty "attributes": every other column)

Each run reads every file, applies the filters, interns user and item ids with dicts, parses timestamps,
weights, kinds, prices and the item and user attributes, and writes the same tables as a RecLens project's
dataset (items with title, price and first_seen; item_fields/item_values; users; user_fields/user_values;
interaction_kinds; interactions with user, item, ts, kind and weight) into a fresh SQLite file in one
transaction, then creates the same unique indexes. Prints one JSON line: the raw seconds of every run
("times_s") and the counts written (rows read, interactions, items, users), which reclens-cli compares
with its own.
"""
import argparse
import csv
import datetime
import json
import os
import re
import sqlite3
import time


def parse_time(text, fmt, cache):
    value = cache.get(text)
    if value is None:
        if fmt != "iso8601" and text.lstrip("-").isdigit():
            value = int(text)
        elif fmt == "unix":
            raise ValueError("not Unix seconds: " + text)
        else:
            dt = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
            if dt.tzinfo is None:
                dt = dt.replace(tzinfo=datetime.timezone.utc)
            value = int(dt.timestamp())
        if len(cache) < 1_000_000:
            cache[text] = value
    return value


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def keep_row(rec, filters):
    for column, op, value in filters:
        field = rec[column]
        if op == "not_empty" and not field:
            return False
        if op == "not_prefix" and field.startswith(value):
            return False
        if op == "regex" and not value.fullmatch(field):
            return False
        if op == "greater_than":
            x = number(field)
            if x is None or not x > value:
                return False
    return True


def run(spec, out):
    if os.path.exists(out):
        os.remove(out)
    db = sqlite3.connect(out)
    db.executescript("""
        CREATE TABLE items(idx INTEGER PRIMARY KEY, ext_id TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',
                           price REAL, first_seen INTEGER);
        CREATE TABLE item_fields(field INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE item_values(item INTEGER NOT NULL, field INTEGER NOT NULL, value TEXT NOT NULL,
                                 PRIMARY KEY(item, field)) WITHOUT ROWID;
        CREATE TABLE users(idx INTEGER PRIMARY KEY, ext_id TEXT NOT NULL);
        CREATE TABLE user_fields(field INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE user_values(user INTEGER NOT NULL, field INTEGER NOT NULL, value TEXT NOT NULL,
                                 PRIMARY KEY(user, field)) WITHOUT ROWID;
        CREATE TABLE interaction_kinds(kind INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE interactions(user INTEGER NOT NULL, item INTEGER NOT NULL, ts INTEGER NOT NULL,
                                  kind INTEGER NOT NULL, weight REAL NOT NULL);
    """)
    items, users, kinds = {}, {}, {}
    item_info = []  # per item: [title, price, first_seen, {field: value}]
    user_info = []  # per user: {field: value}
    item_fields, user_fields = {}, {}

    def item_row(ext):
        idx = items.get(ext)
        if idx is None:
            idx = items[ext] = len(items)
            item_info.append(["", None, None, {}])
        return idx

    def user_row(ext):
        idx = users.get(ext)
        if idx is None:
            idx = users[ext] = len(users)
            user_info.append({})
        return idx

    def set_first(values, field, registry, value):
        if value:
            registry.setdefault(field, len(registry))
            values.setdefault(field, value)

    it = spec["items"]
    if it:
        with open(it["path"], newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader)
            col = {name: header.index(name) for name in header}
            for rec in reader:
                ext = rec[col[it["id"]]]
                if it.get("uppercase_ids"):
                    ext = ext.upper()
                info = item_info[item_row(ext)]
                if it.get("title"):
                    info[0] = info[0] or rec[col[it["title"]]]
                if it.get("price"):
                    info[1] = number(rec[col[it["price"]]]) if info[1] is None else info[1]
                if it.get("first_seen") and rec[col[it["first_seen"]]]:
                    info[2] = parse_time(rec[col[it["first_seen"]]], "auto", {})
                for name in [it.get("category"), it.get("brand")] + it.get("attributes", []):
                    if name:
                        set_first(info[3], name, item_fields, rec[col[name]])

    us = spec["users"]
    if us:
        with open(us["path"], newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader)
            id_col = header.index(us["id"])
            attrs = us.get("attributes") or [h for h in header if h != us["id"]]
            attr_cols = [(a, header.index(a)) for a in attrs]
            for rec in reader:
                values = user_info[user_row(rec[id_col])]
                for name, c in attr_cols:
                    set_first(values, name, user_fields, rec[c])

    s = spec["interactions"]
    rows = 0
    cache = {}
    with open(s["path"], newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        u, i = col[s["user"]], col[s["item"]]
        t = col[s["time"]] if s.get("time") else None
        w = col[s["weight"]] if s.get("weight") else None
        k = col[s["kind"]] if s.get("kind") else None
        title = col[s["item_title"]] if s.get("item_title") else None
        price = col[s["item_price"]] if s.get("item_price") else None
        item_attrs = [(n, col[n]) for n in (s.get("item_category"), s.get("item_brand")) if n]
        user_attrs = [(n, col[n]) for n in s.get("user_attributes", [])]
        filters = []
        for rule in s.get("filters", []):
            value = rule["value"]
            if rule["op"] == "regex":
                value = re.compile(value)
            elif rule["op"] == "greater_than":
                value = float(value)
            filters.append((col[rule["column"]], rule["op"], value))
        upper = s.get("uppercase_item_ids", False)
        fmt = s.get("time_format", "auto")
        default_kind = kinds.setdefault(s.get("default_kind", "interaction"), 0)
        seq = 0

        def records():
            nonlocal rows, seq
            for rec in reader:
                rows += 1
                if filters and not keep_row(rec, filters):
                    continue
                ext = rec[i].upper() if upper else rec[i]
                iid = item_row(ext)
                uid = user_row(rec[u])
                info = item_info[iid]
                if title is not None and not info[0]:
                    info[0] = rec[title]
                if price is not None and info[1] is None:
                    info[1] = number(rec[price])
                for name, c in item_attrs:
                    set_first(info[3], name, item_fields, rec[c])
                for name, c in user_attrs:
                    set_first(user_info[uid], name, user_fields, rec[c])
                if t is not None:
                    ts = parse_time(rec[t], fmt, cache)
                else:
                    seq += 1
                    ts = seq
                kind = kinds.setdefault(rec[k], len(kinds)) if k is not None and rec[k] else default_kind
                weight = float(rec[w]) if w is not None and rec[w] else 1.0
                yield (uid, iid, ts, kind, weight)

        db.execute("BEGIN")
        db.executemany("INSERT INTO interactions VALUES(?, ?, ?, ?, ?)", records())
    interactions = db.execute("SELECT count(*) FROM interactions").fetchone()[0]
    db.executemany("INSERT INTO items VALUES(?, ?, ?, ?, ?)",
                   ((idx, ext, item_info[idx][0], item_info[idx][1], item_info[idx][2]) for ext, idx in items.items()))
    db.executemany("INSERT INTO item_fields VALUES(?, ?)", ((v, n) for n, v in item_fields.items()))
    db.executemany("INSERT INTO item_values VALUES(?, ?, ?)",
                   ((idx, item_fields[n], v) for idx, info in enumerate(item_info) for n, v in info[3].items()))
    db.executemany("INSERT INTO users VALUES(?, ?)", ((v, ext) for ext, v in users.items()))
    db.executemany("INSERT INTO user_fields VALUES(?, ?)", ((v, n) for n, v in user_fields.items()))
    db.executemany("INSERT INTO user_values VALUES(?, ?, ?)",
                   ((idx, user_fields[n], v) for idx, values in enumerate(user_info) for n, v in values.items()))
    db.executemany("INSERT INTO interaction_kinds VALUES(?, ?)", ((v, n) for n, v in kinds.items()))
    db.execute("CREATE UNIQUE INDEX items_ext_id ON items(ext_id)")
    db.execute("CREATE UNIQUE INDEX users_ext_id ON users(ext_id)")
    db.commit()
    db.close()
    return {"rows": rows, "interactions": interactions, "items": len(items), "users": len(users)}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("mapping")
    p.add_argument("out")
    p.add_argument("--repeat", type=int, default=1)
    a = p.parse_args()
    with open(a.mapping, encoding="utf-8") as f:
        spec = json.load(f)
    times, counts = [], None
    for _ in range(a.repeat):
        start = time.perf_counter()
        counts = run(spec, a.out)
        times.append(time.perf_counter() - start)
    print(json.dumps(dict(counts, times_s=times)))


if __name__ == "__main__":
    main()
