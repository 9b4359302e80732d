"""Synthetic catalogs of a given size, valid by construction, for the loader and search benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

WORDS = [
    "gel",
    "kayano",
    "air",
    "max",
    "zoom",
    "vomero",
    "response",
    "trail",
    "wave",
    "rider",
    "jazz",
    "shadow",
    "forum",
    "samba",
    "gazelle",
    "runner",
    "pro",
    "lite",
    "quantum",
    "nimbus",
    "cumulus",
    "court",
    "classic",
    "speed",
    "cross",
    "grid",
    "omni",
    "bondi",
    "clifton",
    "sonic",
    "flash",
    "storm",
    "glide",
    "stride",
]


def build(entries: int, seed: int = 7) -> dict[str, list[dict[str, object]]]:
    """About ``entries`` entries across every section, cross-referenced like the real data."""
    rng = random.Random(seed)
    n_brands = max(entries // 100, 2)
    n_sources = max(entries // 50, 2)
    n_people = max(entries // 50, 2)
    n_shoes = max(entries * 2 // 5, 2)
    n_releases = entries * 3 // 10
    n_collabs = entries * 3 // 20
    n_facts = max(entries - n_brands - n_sources - n_people - n_shoes - n_releases - n_collabs, 0)
    sources = [
        {"id": f"src-{i}", "title": f"Source {i}", "tier": "press", "url": f"https://example.org/{i}"}
        for i in range(n_sources)
    ]
    brands = [
        {"id": f"brand-{i}", "name": f"Brand {i}", "founded": str(1900 + i % 120), "sources": [f"src-{i % n_sources}"]}
        for i in range(n_brands)
    ]
    people = [
        {"id": f"person-{i}", "name": f"Designer {i} {rng.choice(WORDS).title()}", "sources": [f"src-{i % n_sources}"]}
        for i in range(n_people)
    ]
    shoes = []
    for i in range(n_shoes):
        name = f"{rng.choice(WORDS).upper()}-{rng.choice(WORDS).upper()} {i}"
        shoes.append(
            {
                "id": f"shoe-{i}",
                "name": name,
                "brand": f"brand-{i % n_brands}",
                "aliases": [f"{name.split('-')[0].lower()} {i}", f"s{i}"],
                "first_release": f"{1980 + i % 45}-{1 + i % 12:02d}",
                "designers": [f"person-{i % n_people}"],
                "summary": f"Synthetic silhouette number {i}.",
                "sources": [f"src-{i % n_sources}"],
            }
        )
    releases = [
        {
            "id": f"release-{i}",
            "silhouette": f"shoe-{i % n_shoes}",
            "name": f"Release {i}",
            "kind": "retro",
            "date": f"{1990 + i % 35}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "sources": [f"src-{i % n_sources}"],
        }
        for i in range(n_releases)
    ]
    collabs = [
        {
            "id": f"collab-{i}",
            "partner": f"person:person-{i % n_people}",
            "brand": f"brand-{i % n_brands}",
            "silhouette": f"shoe-{i % n_shoes}",
            "name": f"Collab {i}",
            "date": str(2000 + i % 25),
            "sources": [f"src-{i % n_sources}"],
        }
        for i in range(n_collabs)
    ]
    facts = [
        {
            "id": f"fact-{i}",
            "about": [f"silhouette:shoe-{i % n_shoes}"],
            "text": f"Synthetic fact {i}.",
            "sources": [f"src-{i % n_sources}"],
        }
        for i in range(n_facts)
    ]
    return {
        "sources": sources,
        "brands": brands,
        "people": people,
        "silhouettes": shoes,
        "releases": releases,
        "collaborations": collabs,
        "facts": facts,
    }


def write(entries: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "facts.yaml"
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path.write_text(yaml.dump(build(entries), Dumper=dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
