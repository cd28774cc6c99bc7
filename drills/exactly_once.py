"""The exactly-once check shared by the kill9, sigterm and db-restart drills.

Usage: SANDBOX_URL=... DRILL_TOKEN=... python3 drills/exactly_once.py ROWS STATS
Prints one line of counts, then one line of problems (empty when none). Replays every sent row's key (the answer
must be the row's message id, marked replayed), then probes with a new key: the number of the probe's message,
minus one, is how many messages the sandbox created in all.
"""
import collections, http.client, json, os, re, sys, threading, urllib.parse
rows = [l.split("|") for l in open(sys.argv[1]).read().splitlines() if l]
stats = json.load(open(sys.argv[2]))
url = urllib.parse.urlsplit(os.environ["SANDBOX_URL"])
token = os.environ["DRILL_TOKEN"]
problems = []

missing = [r for r in rows if r[1] == ""]
present = [r for r in rows if r[1] != ""]
by_status = collections.Counter(r[1] for r in present)
sent = [r for r in present if r[1] == "sent"]
if missing:
    problems.append(f"{len(missing)} seeded rows disappeared")
if len(sent) != len(rows):
    problems.append("not sent: " + ", ".join(f"{s}={n}" for s, n in sorted(by_status.items()) if s != "sent"))
leased = sum(1 for r in present if r[7] == "t")
if leased:
    problems.append(f"{leased} rows still hold a lease")
if any(r[6] != "t" or r[4] == "" for r in sent):
    problems.append("sent rows without sent_at or provider_message_id")

keys = {k: v for k, v in stats["keys"].items() if k.startswith("notification-")}
if stats.get("keys_dropped", 0):
    problems.append(f"sandbox dropped {stats['keys_dropped']} keys (raise --max-tracked-keys)")
expected = {f"notification-{r[0]}" for r in sent}
unexpected = set(keys) - expected
unsent = expected - set(keys)
if unexpected:
    problems.append(f"{len(unexpected)} keys sent for rows not marked sent (e.g. {sorted(unexpected)[:3]})")
if unsent:
    problems.append(f"{len(unsent)} rows marked sent that the provider never saw (e.g. {sorted(unsent)[:3]})")
claims = {f"notification-{r[0]}": int(r[3]) - int(r[2]) for r in present}
over = [k for k, v in keys.items() if v > claims.get(k, 0)]
if over:
    problems.append(f"{len(over)} keys requested more often than their row was claimed (e.g. {over[0]}: "
                    f"{keys[over[0]]} requests, {claims.get(over[0], 0)} claims)")
ids = collections.Counter(r[4] for r in sent)
shared = sum(n for i, n in ids.items() if n > 1)
if shared:
    problems.append(f"{shared} sent rows share a provider_message_id")

# Replay every sent row's key: the sandbox must answer the message it created for it, as a replay.
mismatch, not_replayed, errors = [], [], []
lock = threading.Lock()
def replay(chunk):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    for r in chunk:
        path = "/v1/push" if r[5] == "push" else "/v1/messages"
        body = json.dumps({"to": "replay@example.com", "template": "drill_replay", "data": {}})
        try:
            conn.request("POST", path, body=body, headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json",
                                                           "Idempotency-Key": f"notification-{r[0]}"})
            resp = conn.getresponse()
            answer = resp.read()
            replayed = resp.getheader("Idempotent-Replayed") == "true"
            got = json.loads(answer).get("id") if resp.status == 200 else None
        except Exception as e:
            with lock: errors.append(f"{r[0]}: {type(e).__name__}")
            conn.close(); conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            continue
        with lock:
            if got != r[4]: mismatch.append((r[0], r[4], got))
            elif not replayed: not_replayed.append(r[0])
    conn.close()
threads = [threading.Thread(target=replay, args=(sent[i::4],)) for i in range(4)]
for t in threads: t.start()
for t in threads: t.join()
if errors:
    problems.append(f"{len(errors)} replays failed (e.g. {errors[0]})")
if mismatch:
    problems.append(f"{len(mismatch)} rows hold another message id than the provider's for their key "
                    f"(e.g. notification-{mismatch[0][0]}: row {mismatch[0][1]}, provider {mismatch[0][2]})")
if not_replayed:
    problems.append(f"{len(not_replayed)} keys were new to the provider on replay (e.g. notification-{not_replayed[0]})")

# Probe: how many messages did the sandbox create in all?
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
conn.request("POST", "/v1/messages", body=json.dumps({"to": "probe@example.com", "template": "drill_probe", "data": {}}),
             headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Idempotency-Key": "drill-probe"})
resp = conn.getresponse()
probe = json.loads(resp.read())["id"]
created = int(re.sub(r"^[a-z]+_", "", probe)) - 1
if created != len(ids) - (1 if "" in ids else 0):
    problems.append(f"the sandbox created {created} messages for {len(ids)} distinct sent message ids "
                    f"({created - len(ids)} deliveries beyond one per key)")

hist = collections.Counter(keys.values())
once = hist.get(1, 0)
twice = sum(n for s, n in hist.items() if s >= 2)
delivered_once = len(sent) - len(mismatch) - len(not_replayed) - shared if created == len(ids) else 0
statuses = ",".join(f"{s}:{n}" for s, n in sorted(stats["statuses"].items(), key=lambda x: int(x[0])))
print(f"sent={len(sent)} delivered_once={delivered_once} duplicate_deliveries={max(created - len(ids), 0)} "
      f"keys_once={once} keys_twice+={twice} requests={sum(keys.values())} http={statuses} "
      f"replay_mismatch={len(mismatch) + len(not_replayed)} leased_left={by_status.get('sending', 0)} "
      f"queued={by_status.get('queued', 0)} dead={by_status.get('dead', 0)} lost={len(missing)}")
print("; ".join(problems))
