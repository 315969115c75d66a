"""The production Datasette over a test database, and the requests the tests make through its client."""
from __future__ import annotations

import asyncio
import json
from pathlib import Path
from xml.etree import ElementTree

import yaml
from datasette.app import Datasette

from tests.published import ROOT

DATA = ROOT / "data"


def load_metadata() -> dict:
    return yaml.safe_load((DATA / "metadata.yml").read_text(encoding="utf-8"))


def make_datasette(path: Path) -> Datasette:
    """The production configuration: the same metadata, templates, plugins and settings."""
    settings = json.loads((DATA / "settings.json").read_text())
    return Datasette([str(path)], metadata=load_metadata(), template_dir=str(DATA / "templates"),
                     plugins_dir=str(DATA / "plugins"), settings=settings)


def get(ds: Datasette, path: str, **params):
    async def fetch():
        return await ds.client.get(path, params=params or None)
    return asyncio.run(fetch())


def titles(ds: Datasette, **params) -> set[str]:
    response = get(ds, "/congdoan/articles_public.json", _shape="array", _col="title", **params)
    assert response.status_code == 200, response.text
    return {row["title"] for row in response.json()}


def canned(ds: Datasette, name: str, **params) -> list[dict]:
    response = get(ds, f"/congdoan/{name}.json", _shape="array", **params)
    assert response.status_code == 200, response.text
    return response.json()


ATOM = "{http://www.w3.org/2005/Atom}"


def feed(ds: Datasette, **params) -> list[ElementTree.Element]:
    response = get(ds, "/congdoan/tin_moi_atom.atom", **params)
    assert response.status_code == 200 and "xml" in response.headers["content-type"]
    return ElementTree.fromstring(response.content).findall(f"{ATOM}entry")
