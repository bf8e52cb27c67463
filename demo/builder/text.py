"""Words the demo data is written in: names, answers, feedback. Pools are built once and reused."""

import json
import random

from interviews.services.practice import SECTION_KEYS

FIRST_NAMES = [
    "Aisha", "Ben", "Carmen", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
    "Kavya", "Liam", "Maya", "Nikhil", "Olga", "Pedro", "Qing", "Rosa", "Sanjay", "Tomas",
    "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoe", "Arjun", "Bea", "Chloe", "Daniel",
    "Emeka", "Fatima", "Gabriel", "Hana", "Ivan", "Julia", "Kenji", "Leila", "Marco", "Nora",
]  # fmt: skip
LAST_NAMES = [
    "Okafor", "Lindqvist", "Ruiz", "Volkov", "Marchetti", "Haddad", "Kim", "Tanaka", "Costa", "Weber",
    "Iyer", "Murphy", "Cohen", "Rao", "Petrova", "Alves", "Zhang", "Moreno", "Gupta", "Novak",
    "Shah", "Dubois", "Li", "Hernandez", "Demir", "Evans", "Mehta", "Fischer", "Nakamura", "Osei",
]  # fmt: skip
TIME_ZONES = [
    "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles",
    "Asia/Kolkata", "Asia/Singapore", "America/Sao_Paulo", "UTC",
]  # fmt: skip
TEAM_WORDS = (
    ["Payments", "Search", "Checkout", "Identity", "Messaging", "Catalog", "Ads", "Maps", "Video", "Billing"],
    ["Platform", "Infrastructure", "Core", "Data", "Reliability", "Growth", "Edge", "Storage"],
)
FIXED_TEAM_NAMES = ["Payments Platform", "Search Infrastructure"]

FRAGMENTS = {
    "requirements": [
        "Functional: post, fetch feed, follow. Non-functional: p99 read < 200 ms, 99.95% available.",
        "Users upload, share and stream. Reads beat writes 100:1; counts may lag.",
        "Exactly-once payment capture; idempotency keys on every client call; audit trail kept 7 years.",
        "Match riders and drivers within 5 s; locations every 4 s; degrade to wider radius under load.",
        "Global catalogue, regional inventory; prices may lag 30 s, stock may not.",
    ],
    "estimates": [
        "50M DAU x 20 reads = 1B reads/day, ~12k QPS avg, 40k peak. 2 KB per item -> 2 TB/year.",
        "10k writes/s, 1 KB each = 10 MB/s ingest, ~850 GB/day before replication (x3).",
        "Hot set ~5% of 200M objects fits in 64 GB of cache across 4 nodes.",
        "Fan-out on write: 300 followers avg, celebrities capped; ~3M timeline inserts/s at peak.",
    ],
    "api": [
        "POST /v1/orders {items, idempotency_key} -> 201; GET /v1/orders/{id}. Orders(id, user, state, ...).",
        "GET /feed?cursor=...; cursor pagination, never offset. Posts partitioned by author id.",
        "PUT /objects/{key} (multipart above 100 MB); metadata row (key, version, etag, size, placement).",
        "Events(stream, seq, payload); consumers track offsets per partition.",
    ],
    "design": [
        "Clients -> CDN -> API gateway -> stateless services -> sharded store; async work on a queue.",
        "Write path: API -> log (Kafka) -> workers -> store; reads from a cache (TTL + events).",
        "Cell-based layout: each cell owns a slice of tenants, a router maps tenant -> cell.",
        "Leader-based replication per shard; consistent hashing with virtual nodes for placement.",
    ],
    "deep_dive": [
        "Hot keys: split counters, request coalescing in the cache tier, jittered TTLs.",
        "Consistency: read-your-writes via session stickiness; cross-region writes go to the home region.",
        "Backpressure: bounded queues, shed load at the gateway, retries with budgets not loops.",
        "Storage: LSM for the write-heavy path, compaction tuned; secondary index built asynchronously.",
    ],
    "trade_offs": [
        "Fan-out on write costs storage but keeps reads flat; hybrid for accounts above 1M followers.",
        "Managed queue over self-run: less control of tail latency, far less operational load.",
        "Strong consistency only on the money path; everything else eventually consistent.",
        "Build vs buy: buy search, build ranking, since ranking is where we differ.",
    ],
    "evolution": [
        "Start single-region; add a read replica region, then active-active once conflict rules are clear.",
        "Dashboards on p99 and saturation; game days twice a quarter; error budget gates launches.",
        "Migrate with dual writes + backfill + shadow reads before the cut-over.",
        "",
    ],
}

EVIDENCE = {
    1: [
        "Went straight to boxes without agreeing requirements; no numbers behind the storage choice.",
        "Could not say what happens when the primary fails; no answer on data loss.",
        "Did not engage with the team question; described the tech only.",
    ],
    2: [
        "Reasonable outline, but trade-offs stayed generic once I pushed on hot partitions.",
        "Estimates were off by 100x and did not notice when the design depended on them.",
        "",
    ],
    3: [
        "Solid partitioning story; caught the hot-key problem after one nudge.",
        "Clear phases and checked in at each; good instinct to simplify.",
        "",
    ],
    4: [
        "Quantified the write path and chose the partition key with a clear plan for skew.",
        "Framed build vs buy in cost and team terms and proposed a migration path unprompted.",
        "Drove the whole session; anticipated the failure modes before I asked.",
    ],
}
FEEDBACK = {
    "strong_no_hire": [
        "The fundamentals are not there yet: spend the next two weeks on requirements and estimation drills "
        "before another full mock.",
    ],
    "no_hire": [
        "Good start on the high-level design. The deep dive is where it slipped: practise defending one "
        "component under pressure, and put numbers on every choice.",
        "You covered a lot of ground but rarely went deep. Pick fewer components and finish the story.",
    ],
    "hire": [
        "Structured and calm. To move to a strong hire, lead the trade-off discussion yourself instead of "
        "waiting for me to ask.",
        "Strong on the data model and scaling. Next: tie decisions back to the business goal.",
    ],
    "strong_hire": [
        "Excellent session: clear requirements, sound numbers, and a design that evolved as constraints "
        "changed. Keep doing exactly this.",
    ],
}
INTERVIEWER_NOTES = [
    "Asked about retries at minute 25; good answer on idempotency.",
    "Spent too long on the API, rushed the deep dive.",
    "Nice estimation; missed the cache invalidation story.",
    "Pushed on multi-region, recovered well.",
]
NOTES = [
    "## Takeaways\n\n- Cells limit blast radius.\n- Start with the write path, then reads.\n",
    "Re-read the consistency section before the L7 mock. **Trade-off**: latency vs freshness.\n",
    "Questions to ask: what is the SLO, who owns the on-call, what breaks first at 10x?\n",
]
USEFULNESS_COMMENTS = ["", "", "Very concrete, thanks!", "Would have liked more on the deep dive.", ""]


def answer_pool(rng: random.Random, size: int = 120, *, sections: int | None = None) -> list[str]:
    """JSON answers (every section key, some left empty), serialised once so rows just pick one."""
    pool = []
    for _ in range(size):
        filled = SECTION_KEYS[: sections or len(SECTION_KEYS)]
        answer = {
            key: rng.choice(FRAGMENTS[key]) if key in filled and rng.random() < 0.9 else ""
            for key in SECTION_KEYS
        }
        pool.append(json.dumps(answer))
    return pool
