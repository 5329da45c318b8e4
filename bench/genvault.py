#!/usr/bin/env python3
"""Write a deterministic synthetic vault of meeting notes for the benchmarks.

Usage: genvault.py OUT_DIR --notes N [--people M] [--seed S]

The notes imitate a real Obsidian vault written by one owner: YAML front
matter, a Summary in prose, Action Items in Tasks-plugin syntax, Decisions and
Key Information.  People appear the ways they do in real notes (full name,
then first name, possessives, [[links]], [[Name|First]] aliases, job titles),
mixed with capitalised words that are not people (products, companies,
places, months), so the indexer does representative work per byte.

Meeting frequency follows a Zipf law and guests cluster by organisation, so
the people graph has hubs and communities rather than a uniform mesh: that is
what makes focus graphs and --top selections cost what they cost on real data.

Only the standard library is used and nothing depends on hash order or the
clock, so the same arguments always give the same bytes (run.sh caches on it).
Besides the notes it writes OUT_DIR/.peoplegraph.yaml (the owner) and
OUT_DIR/.genvault.json (names and paths run.sh needs for its queries).
"""
import argparse
import datetime
import json
import os
import random
import sys

OWNER = "Dana Whitlock"        # fixed: the config, @Myself and every note agree
START = datetime.date(2019, 1, 7)

# Real given names (most are in data/firstnames.txt), some accented so the
# indexer's Unicode normalisation is on the measured path.
FIRST = """Aaron Abigail Adrian Aiko Alejandro Amara Anika Arjun Astrid Beatriz
Bjorn Camille Chen Chiara Dario Deepa Dmitri Elif Emeka Esther Farid Fatima
Felix Gabriel Greta Hana Hiroshi Idris Ingrid Isabel Jonas Kai Kalinda Kenji
Lars Leila Lior Lucia Maneesh Marta Mateo Mei Nadia Nikhil Noa Olga Omar Pavel
Priya Quentin Rafael Rania Rohan Sakura Sanjay Selin Soren Tamar Tariq Ulla Uma
Viktor Wen Yara Yusuf Zainab Zoran Agnieszka Ahmed Akira Alicia Amir Ana Andrei
Anja Ayesha Benedikt Bianca Carlos Catalina Daniel Diego Elena Emil Erik Eva
Fiona Francesca Gustavo Hamza Helena Ibrahim Ines Irina Jakob Javier Julia
Karim Katarina Kwame Laila Leon Lukas Magnus Malik Maria Marco Matteo Miriam
Nathan Nina Oscar Paula Ravi Rebecca Ruth Samir Sara Simon Sofia Stefan Thomas
Valentina Yuki Zara José Zoë Søren Renée Björn Ingrid Chloé Mihai Oluwaseun
Tomasz Ngozi Siobhan Declan Aoife Haruto Min-jun Seo-yeon Thiago Larissa""".split()
LAST = """Abadi Achterberg Bauer Brennan Castellano Cho Dubois Eriksen Figlin
Fontaine Genzel Haddad Ivanova Jablonski Kapoor Kowalczyk Lindqvist Mehta
Nakamura Novak Okafor Petrov Quispe Raman Reyes Sah Shapira Silva Tanaka
Uchenna Varga Wojcik Xu Yamamoto Zeller Adeyemi Almeida Andersson Banerjee
Becker Bianchi Carvalho Chowdhury Costa Dimitrov Engel Esposito Ferreira
Fischer Gallagher Gonzalez Gupta Hansen Hoffmann Horvath Iyer Jansen Jovanovic
Kaur Keller Kim Kovacs Lambert Larsen Lehmann Lopez Marino Martins Meyer
Moreau Murphy Nguyen Nielsen Nowak O'Brien Oliveira Papadopoulos Park Pereira
Popescu Rahman Ricci Rossi Santos Schmidt Schneider Sharma Singh Sokolov
Suzuki Takahashi Thompson Torres Van der Berg Vasquez Wagner Walsh Weber
Yilmaz Zhang Zhou Øvergaard Müller Núñez Šimunović Łukasik García-Márquez""".split()
# "Van der Berg" splits into three tokens above; rejoin multi-word surnames.
LAST = [w for w in LAST if w not in ("Van", "der", "Berg")] + ["van der Berg"]

ORGS = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Adatum",
        "Proseware", "Wingtip", "Woodgrove", "Lamna", "Relecloud", "Trey"]
ROLES = ["VP Engineering", "VP Sales", "CVP Azure Storage", "Director of Alliances",
         "Principal Engineer", "Account Executive", "Product Manager",
         "Solutions Architect", "CTO", "Head of Infrastructure", "Staff SRE",
         "Program Manager", "Research Scientist", "Field CTO", "General Counsel"]
TITLES = ["VP", "CVP", "Dr.", "Director", "SVP"]   # prefixes seen before names
PRODUCTS = ["BlueField", "Azure Blob", "NeoClouds", "Kubernetes", "Grafana",
            "Snowflake", "Databricks", "InfiniBand", "Spectrum-X", "Lustre",
            "Slurm", "Prometheus", "Terraform", "OpenShift", "DGX SuperPOD",
            "Azure LSv4", "S3 Express", "GPUDirect", "Ceph", "Vertex AI"]
COMPANIES = ["Microsoft", "Amazon", "Google", "Nvidia", "Oracle", "CoreWeave",
             "Lambda Labs", "Meta", "OpenAI", "Anthropic", "Dell", "Supermicro",
             "Equinix", "Accenture", "Deloitte"]
PLACES = ["Tel Aviv", "Seattle", "Redmond", "Berlin", "Dublin", "Austin",
          "São Paulo", "Singapore", "Amsterdam", "Bangalore", "Zurich", "Tokyo"]
EVENTS = ["Microsoft Ignite", "re:Invent", "GTC", "KubeCon", "SC25", "Build"]
ACRONYMS = ["MAI", "KPI", "SLA", "RFP", "QBR", "CSI", "NDA", "POC", "TCO", "GA"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
TOPICS = ["capacity planning", "pricing", "observability", "CSI driver",
          "data pipeline", "checkpointing", "multi-tenancy", "migration",
          "inference fleet", "GPU allocation", "roadmap", "security review",
          "benchmarking", "deck updates", "hardware certification",
          "support escalation", "contract renewal", "hiring plan",
          "disaster recovery", "cost model", "partner enablement", "launch plan"]
VERBS = ["said", "reported", "noted", "confirmed", "warned", "argued",
         "pointed out", "explained", "suggested", "mentioned"]


def slug(s):
    return "-".join(s.lower().replace("'", "").replace(".", "").split())


class Vault:
    def __init__(self, rng, n_notes, n_people):
        self.rng = rng
        self.people = self._make_people(n_people)
        # Zipf weights by list position (names are random, so rank and name
        # are unrelated): the first few people are in a large share of all
        # meetings, the tail in a handful each.
        self.weights = [1.0 / (r + 1) ** 0.95 for r in range(len(self.people))]
        self.cum = self._cumulate(range(len(self.people)))
        self.by_org = {}
        for i, p in enumerate(self.people):
            self.by_org.setdefault(p["org"], []).append(i)
        self.org_cum = {o: (ix, self._cumulate(ix)) for o, ix in self.by_org.items()}
        # Roughly four notes a working day, between one and seven years.
        self.span = min(7 * 365, max(365, n_notes // 3))

    def _make_people(self, m):
        rng, seen, people = self.rng, set(), []
        if m > len(FIRST) * len(LAST) // 2:
            sys.exit(f"genvault: at most {len(FIRST) * len(LAST) // 2} people")
        while len(people) < m:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            name = f"{first} {last}"
            if name in seen or name == OWNER:
                continue
            seen.add(name)
            people.append({"id": len(people), "name": name, "first": first,
                           "org": rng.choice(ORGS), "role": rng.choice(ROLES),
                           # One in ten, spread evenly over the Zipf ranks.
                           "has_note": len(people) % 10 == 3})
        return people

    def _cumulate(self, idx):
        total, out = 0.0, []
        for i in idx:
            total += self.weights[i]
            out.append(total)
        return out

    def pick(self, k, org=None, have=()):
        """k distinct people, Zipf-weighted, mostly from one org if given;
        `have` are already chosen and count towards k."""
        rng = self.rng
        chosen = [p["id"] for p in have]
        while len(chosen) < min(k, len(self.people)):
            if org and rng.random() < 0.65:
                ix, cw = self.org_cum[org]
                i = rng.choices(ix, cum_weights=cw)[0]
            else:
                i = rng.choices(range(len(self.people)), cum_weights=self.cum)[0]
            if i not in chosen:
                chosen.append(i)
        return [self.people[i] for i in chosen]

    def date(self):
        d = START + datetime.timedelta(days=self.rng.randrange(self.span))
        if d.weekday() >= 5:                        # meetings happen on weekdays
            d -= datetime.timedelta(days=d.weekday() - 4)
        return d


class Prose:
    """Refers to people the way a note-taker does: full name first, then
    first name or possessive, sometimes as a link or with a job title."""

    def __init__(self, rng):
        self.rng, self.introduced = rng, set()

    def ref(self, p, possessive=False):
        rng, name, first = self.rng, p["name"], p["first"]
        if name in self.introduced and rng.random() < 0.7:
            s = first if rng.random() < 0.8 else f"[[{name}|{first}]]"
        else:
            self.introduced.add(name)
            r = rng.random()
            if r < 0.2:
                s = f"[[{name}]]"
            elif r < 0.3:
                s = f"{rng.choice(TITLES)} {name}"
            else:
                s = name
        return s + "'s" if possessive else s


def summary_sentence(rng, pr, a, b, c, topics):
    t1, t2 = rng.sample(topics, 2)
    forms = [
        lambda: f"{pr.ref(a)} and {pr.ref(b)} aligned on {t1} for "
                f"{rng.choice(COMPANIES)}, emphasising {t2} ahead of "
                f"{rng.choice(EVENTS)}.",
        lambda: f"{pr.ref(a)} {rng.choice(VERBS)} that the {rng.choice(PRODUCTS)} "
                f"rollout in {rng.choice(PLACES)} is likely to slip to "
                f"{rng.choice(MONTHS)}, which affects {pr.ref(b, True)} {t1} plan.",
        lambda: f"{pr.ref(a, True)} team owns {t1}; {pr.ref(c)} will review it "
                f"with {pr.ref(b)} before the "
                f"{rng.choice(ACRONYMS)} deadline.",
        lambda: f"They discussed {t1} and {t2}, including how {rng.choice(COMPANIES)} "
                f"handles {rng.choice(PRODUCTS)} today and what "
                f"{pr.ref(b)} heard from {pr.ref(c)} in {rng.choice(PLACES)}.",
        lambda: f"{pr.ref(c)} asked {pr.ref(a)} to keep the {rng.choice(ACRONYMS)} "
                f"numbers internal until {rng.choice(MONTHS)} and to share only "
                f"the public {rng.choice(PRODUCTS)} figures.",
        lambda: f"{pr.ref(a)} walked through {pr.ref(b, True)} proposal for {t1}; "
                f"the main open question is whether {rng.choice(COMPANIES)} will "
                f"commit to {rng.choice(PRODUCTS)} capacity in {rng.choice(PLACES)} "
                f"by {rng.choice(MONTHS)}.",
        lambda: f"There was some friction: {pr.ref(c)} felt the {t2} messaging "
                f"undercut {pr.ref(b, True)} work with {rng.choice(COMPANIES)}, and "
                f"{pr.ref(a)} offered to raise it with {pr.ref(b)} directly.",
    ]
    return rng.choice(forms)()


def action_item(rng, pr, owner_p, other, date, topics):
    due = date + datetime.timedelta(days=rng.randint(1, 21))
    text = rng.choice([
        f"Send {pr.ref(other)} the updated {rng.choice(topics)} notes and confirm "
        f"the {rng.choice(PRODUCTS)} figures are safe to share externally.",
        f"Clarify with {rng.choice(COMPANIES)} what they expect to validate in "
        f"{rng.choice(topics)}, and loop in {pr.ref(other)}.",
        f"Schedule a follow-up in {rng.choice(PLACES)} on {rng.choice(topics)} "
        f"before {rng.choice(EVENTS)}.",
        f"Draft the {rng.choice(ACRONYMS)} summary for {pr.ref(other, True)} "
        f"review.",
    ])
    tag = "@Myself" if owner_p is None else f"@{owner_p['name']}"
    box = "x" if rng.random() < 0.25 else " "
    prio = " \u23eb" if rng.random() < 0.2 else ""
    return f"- [{box}] {text} {tag} \U0001F4C5 {due.isoformat()}{prio} #task"


def key_info(rng, pr, a, b, topics):
    return rng.choice([
        f"- {pr.ref(a)} {rng.choice(VERBS)} that {rng.choice(PRODUCTS)} performance "
        f"and cost figures for {rng.choice(topics)} are not public at "
        f"{rng.choice(COMPANIES)} and should stay under NDA.",
        f"- {pr.ref(a, True)} contact at {rng.choice(COMPANIES)} wants to start on "
        f"{rng.choice(topics)} immediately; {pr.ref(b)} proposed using the existing "
        f"{rng.choice(PRODUCTS)} environment in {rng.choice(PLACES)}.",
        f"- {rng.choice(PRODUCTS)} support is expected in {rng.choice(MONTHS)} but "
        f"initially limited, according to {pr.ref(b)}.",
        f"- {pr.ref(b)} compared the {rng.choice(topics)} approach with what "
        f"{rng.choice(COMPANIES)} did at {rng.choice(EVENTS)}, and {pr.ref(a)} "
        f"agreed the {rng.choice(ACRONYMS)} impact is modest.",
        f"- The {rng.choice(topics)} budget for {rng.choice(PLACES)} moves to "
        f"{rng.choice(MONTHS)}; {pr.ref(a)} will tell {pr.ref(b)}.",
        f"- {pr.ref(a)} stated that {rng.choice(PRODUCTS)} is currently the weakest "
        f"option for {rng.choice(topics)}, while the {rng.choice(COMPANIES)} roadmap "
        f"looks strong on paper but is roughly a year out.",
        f"- {rng.choice(COMPANIES)} has {rng.randint(2, 40) * 10} Gbps-class nodes in "
        f"{rng.choice(PLACES)}, but only on {rng.choice(PRODUCTS)}; {pr.ref(b)} "
        f"thinks that forces a product decision before {rng.choice(EVENTS)}.",
        f"- {pr.ref(b)} heard from {pr.ref(a)} that the {rng.choice(ACRONYMS)} for "
        f"{rng.choice(topics)} was signed in {rng.choice(MONTHS)}, "
        f"{rng.randint(2, 9)} weeks later than planned.",
        f"- Open risk: {rng.choice(topics)} depends on {pr.ref(a, True)} team in "
        f"{rng.choice(PLACES)}, which is also carrying the {rng.choice(PRODUCTS)} "
        f"{rng.choice(topics)} work.",
    ])


def note(v, i):
    rng = v.rng
    date = v.date()
    primary = v.pick(1)[0]
    org = primary["org"]
    k = 1 if rng.random() < 0.4 else rng.randint(2, 6)
    guests = v.pick(k, org, have=[primary])
    refd = [p for p in v.pick(rng.randint(1, 4)) if p not in guests]
    topics = rng.sample(TOPICS, 4)
    if k == 1:
        title = f"1:1 with {primary['name']}: {topics[0]} and {topics[1]}"
    else:
        title = rng.choice([f"{org} sync: {topics[0]} and {topics[1]}",
                            f"{primary['name']} and team: {topics[0]}",
                            f"{topics[0].capitalize()} working session ({org})"])
    parts = [OWNER] + [g["name"] for g in guests]
    owner_p = {"name": OWNER, "first": OWNER.split()[0]}
    cast = guests + refd                          # who the prose talks about
    pr = Prose(rng)

    fm = ["---", 'type: "meeting"', f'title: "{title}"', f'date: "{date}"',
          "participants: [" + ", ".join(f'"{p}"' for p in parts) + "]",
          'source: "transcript"',
          f'source_ref: "Sources/Transcripts/{date.year}/{date} - transcript {i:06d}.md"',
          "tags:", '  - "type/meeting"']
    fm += [f'  - "person/{slug(g["name"])}"' for g in guests]
    fm += [f'  - "org/{org.lower()}"', f'  - "topic/{slug(topics[0])}"',
           '  - "generated"', "---", ""]

    pool = cast + [owner_p]

    def three():
        # Three distinct people where the meeting is big enough for that.
        got = rng.sample(pool, min(3, len(pool)))
        return (got * 3)[:3]

    summary = []
    for j in range(rng.randint(4, 8)):
        a, b, c = three()
        # Open with the owner, as a note-taker's summary does.
        summary.append(summary_sentence(rng, pr, owner_p if j == 0 else a, b, c, topics))
    body = [f"# {title}", "", f"**Date**: {date}", f"**With**: {', '.join(parts)}",
            "", "## Summary", "", " ".join(summary), "", "## Action Items", ""]
    for _ in range(rng.randint(2, 6)):
        who = rng.choice(guests + [None])          # None: the owner, as @Myself
        body += [action_item(rng, pr, who, rng.choice(cast), date, topics), ""]
    body += ["## Decisions", ""]
    for _ in range(rng.randint(1, 3)):
        body += [f"- Proceed with {rng.choice(topics)} on {rng.choice(PRODUCTS)} "
                 f"for {org}; revisit with {pr.ref(rng.choice(cast))} in "
                 f"{rng.choice(MONTHS)}.", ""]
    body += ["## Key Information", ""]
    # Pad with Key Information to a per-note target: sizes spread 2-6 KB with
    # a ~4 KB mean, like the seed, so bytes scale linearly with --notes.
    target = rng.randint(2400, 5400)
    size = sum(len(s.encode()) + 1 for s in fm + body)
    while size < target:
        a, b, _ = three()
        line = key_info(rng, pr, a, b, topics)
        body += [line, ""]
        size += len(line.encode()) + 2
    body += ["---", "", f"*Source: [[{date} - transcript {i:06d}]]*", ""]
    return date, title, "\n".join(fm + body), guests


def person_note(rng, p, v):
    aliases = [p["first"]]
    if rng.random() < 0.3:
        aliases.append(p["first"][:3])            # nickname, e.g. "Ale"
    peer = rng.choice(v.people)["name"]
    return "\n".join([
        "---", "type: person", f'title: "{p["name"]}"',
        "aliases: [" + ", ".join(f'"{a}"' for a in aliases) + "]",
        f'org: "{p["org"]}"', f'role: "{p["role"]}"', "tags:",
        '  - "type/person"', f'  - "org/{p["org"].lower()}"', "---", "",
        f"# {p['name']}", "", f"**Org**: {p['org']}", f"**Role**: {p['role']}", "",
        "## Notes", "",
        f"- Based in {rng.choice(PLACES)}; works closely with [[{peer}]].",
        f"- Prefers short written updates before {rng.choice(ACRONYMS)} reviews.",
        ""])


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def safe_name(s):
    for ch in ':/\\|?*"<>#^[]':
        s = s.replace(ch, "-" if ch in ":/\\|" else "")
    return " ".join(s.split())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--notes", type=int, required=True)
    ap.add_argument("--people", type=int,
                    help="default: notes/20, between 20 and 5000")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    n_people = a.people or min(5000, max(20, a.notes // 20))
    if a.notes < 1 or n_people < 2:
        ap.error("need at least one note and two people")

    rng = random.Random(a.seed)
    v = Vault(rng, a.notes, n_people)
    used, meetings, edit_note = set(), [0] * len(v.people), None
    for i in range(a.notes):
        date, title, text, guests = note(v, i)
        base = f"{date} - {safe_name(title)}"
        rel = os.path.join("Meetings", f"{date.year}", f"{date.month:02d}", base + ".md")
        n = 2
        while rel in used:                         # same title, same day
            rel = os.path.join(os.path.dirname(rel), f"{base} ({n}).md")
            n += 1
        used.add(rel)
        write(os.path.join(a.out, rel), text)
        if i == a.notes // 2:
            edit_note = rel
        for g in guests:
            meetings[g["id"]] += 1
    for p in v.people:
        if p["has_note"]:
            write(os.path.join(a.out, "People", p["name"] + ".md"),
                  person_note(rng, p, v))
    write(os.path.join(a.out, ".peoplegraph.yaml"), f"me: {OWNER}\n")

    # Names for run.sh: the busiest person (history is worst-case there), a
    # mid-ranked one for focus graphs, and a frequent person who has no
    # person note yet, so adding one re-resolves many old first-name mentions.
    ranked = sorted(range(len(v.people)), key=lambda j: (-meetings[j], j))
    newp = next((v.people[j] for j in ranked if not v.people[j]["has_note"]), v.people[0])
    meta = {
        "owner": OWNER, "notes": a.notes, "people": len(v.people), "seed": a.seed,
        "person_notes": sum(p["has_note"] for p in v.people),
        "hub": v.people[ranked[0]]["name"],
        "focus": v.people[ranked[min(len(ranked) - 1, max(1, len(ranked) // 50))]]["name"],
        "edit_note": edit_note,
        "new_person": {"name": newp["name"], "aliases": [newp["first"]],
                       "org": newp["org"], "role": newp["role"]},
    }
    write(os.path.join(a.out, ".genvault.json"), json.dumps(meta, indent=2) + "\n")


if __name__ == "__main__":
    main()
