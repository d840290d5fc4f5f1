"""`guidegraph mcp` end to end, through a real MCP client: the Python SDK from PyPI (`mcp`).

Each transport gets the same checks: the tools are listed with their input and output
schemas, every tool is called and its answer checked against the fixture corpus
(tests/fixtures, with the fictional Azure Widget Queue guide), errors come back as a person
would read them, and the articles are resources. The SDK's client validates every
structured result against the tool's output schema itself.

Then a bounded load test: many clients at once over HTTP against one server, reporting
throughput and p99 and failing on any error.

Run by tests/mcp/run.sh, which builds guidegraph and the fixture index and sets:
  GUIDEGRAPH_BIN        the guidegraph binary
  GUIDEGRAPH_MCP_INDEX  an index of tests/fixtures/azure-waf and tests/fixtures/power-platform-waf
  MCP_LOAD_CLIENTS, MCP_LOAD_CALLS, MCP_LOAD_SECONDS  the load test's size and time bound
  MCP_LOAD_REPORT       a file to write the load test's numbers to (JSON)
"""

import asyncio
import json
import os
import selectors
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp.shared.exceptions import MCPError

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("GUIDEGRAPH_BIN", str(ROOT / "target" / "release" / "guidegraph"))
INDEX = os.environ.get("GUIDEGRAPH_MCP_INDEX", str(ROOT / "target" / "mcp-fixture-index"))

TOOLS = {
    "query",
    "get",
    "recommendations",
    "design_principles",
    "checklist",
    "service_guide",
    "tradeoffs",
    "neighbors",
}
# Every result carries these (the JSON answer's names).
RESULT_FIELDS = {
    "id",
    "kind",
    "title",
    "code",
    "pillars",
    "platforms",
    "services",
    "summary",
    "sources",
    "url",
}
FIXTURE_ARTICLES = sum(
    1 for root in ("azure-waf", "power-platform-waf") for _ in (ROOT / "tests" / "fixtures" / root).rglob("*.md")
)


def stdio_server() -> StdioServerParameters:
    return StdioServerParameters(command=BIN, args=["mcp", "--index", INDEX], env={"NO_COLOR": "1"})


def cpu_seconds(pid):
    """The CPU time (user + system) a process has used so far, from /proc; None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


@contextmanager
def http_server(served=None):
    """`guidegraph mcp --http 127.0.0.1:0`, yielding its URL (read from what it says on stderr).
    `served`, a dict, gets the server's CPU seconds at the end."""
    proc = subprocess.Popen(
        [BIN, "mcp", "--index", INDEX, "--http", "127.0.0.1:0"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = None
        said = []
        sel = selectors.DefaultSelector()
        sel.register(proc.stderr, selectors.EVENT_READ)
        deadline = time.monotonic() + 30
        while url is None and time.monotonic() < deadline and proc.poll() is None:
            if sel.select(timeout=0.5):
                line = proc.stderr.readline()
                said.append(line)
                if "serving MCP on " in line:
                    url = line.split("serving MCP on ", 1)[1].split()[0]
        assert url, f"the server did not say where it listens: {''.join(said)!r}"
        assert url.startswith("http://127.0.0.1:") and url.endswith("/mcp"), url
        yield url
    finally:
        if served is not None:
            served["cpu_seconds"] = cpu_seconds(proc.pid)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


async def call(client, tool, args):
    """A tool's structured answer; the call must succeed."""
    result = await client.call_tool(tool, args)
    text = result.content[0].text if result.content else ""
    assert not result.is_error, f"{tool}({args}) failed: {text}"
    assert result.structured_content is not None, f"{tool}({args}) gave no structured content"
    return result.structured_content


async def fails(client, tool, args):
    """The message of a tool call that must fail as a tool error (isError)."""
    result = await client.call_tool(tool, args)
    assert result.is_error, f"{tool}({args}) should fail: {result.structured_content}"
    text = result.content[0].text
    error = result.structured_content["error"]
    assert error["code"] and error["message"], result.structured_content
    return text


def titles(answer):
    return [r["title"] for r in answer["results"]]


def codes(answer):
    return [r["code"] for r in answer["results"]]


async def check_tools(client):
    listed = await client.list_tools()
    tools = {t.name: t for t in listed.tools}
    assert set(tools) == TOOLS
    for t in tools.values():
        assert t.description, t.name
        assert t.input_schema.get("type") == "object", t.name
        assert t.output_schema and t.output_schema.get("type") == "object", t.name
    assert tools["query"].input_schema["required"] == ["text"]
    assert tools["service_guide"].input_schema["required"] == ["service"]
    assert "pillar" in tools["recommendations"].input_schema["properties"]

    # query: the query language, as `guidegraph query` answers it.
    a = await call(client, "query", {"text": "security checklist for Azure"})
    assert codes(a) == ["SE:01", "SE:02", "SE:03"]
    assert a["total"] == 3
    for r in a["results"]:
        assert RESULT_FIELDS <= set(r), r
        assert r["sources"][0]["resource"] == "guidegraph://article/azure-waf/security/checklist.md"
    a = await call(client, "query", {"text": "design principles", "limit": 2})
    assert len(a["results"]) == 2 and a["total"] == 5
    a = await call(client, "query", {"text": "chalenges for power platform"})
    assert a["results"] and any("challenges" in m for m in a["messages"]), a["messages"]

    # get: by code, by id, by code on a platform.
    g = await call(client, "get", {"id": "SE:01"})
    assert g["result"]["title"] == "Keep a security baseline"
    assert g["result"]["code"] == "SE:01"
    assert {"direction": "out", "kind": "in-pillar", "id": "pillar:security"}.items() <= next(
        r for r in g["relations"] if r["id"] == "pillar:security"
    ).items()
    assert g["section"], "the section it was read from"
    same = await call(client, "get", {"id": g["result"]["id"]})
    assert same["result"] == g["result"]
    xo = await call(client, "get", {"id": "XO:01", "platform": "Power Platform"})
    assert xo["result"]["title"] == "Advocate for users"
    assert xo["result"]["platforms"] == ["Power Platform"]

    # recommendations: framework items and guide items, each filter honoured.
    a = await call(client, "recommendations", {"pillar": "security", "platform": "Azure"})
    assert "Keep a security baseline" in titles(a) and "Encrypt queued widgets" in titles(a)
    assert all(r["kind"] == "recommendation" and "Security" in r["pillars"] for r in a["results"])
    a = await call(client, "recommendations", {"service": "AWQ"})
    assert len(a["results"]) == 6
    assert all(r["services"] == ["Azure Widget Queue"] for r in a["results"])

    # design_principles: by pillar, by workload; nothing is no results, said so.
    a = await call(client, "design_principles", {"pillar": "reliability"})
    assert titles(a) == ["Design for resilience", "Design for recovery", "Avoid a single model endpoint"]
    a = await call(client, "design_principles", {"workload": "AI", "pillar": "security"})
    assert titles(a) == ["Protect the training data", "Limit who can call the model"]
    a = await call(client, "design_principles", {"pillar": "cost optimization"})
    assert a["results"] == [] and a["total"] == 0, "strict: no challenges instead"
    assert any("nothing matches all of `kind:design-principle" in m for m in a["messages"]), a["messages"]

    # checklist: a platform's, a service's.
    a = await call(client, "checklist", {"pillar": "security", "platform": "azure"})
    assert codes(a) == ["SE:01", "SE:02", "SE:03"]
    a = await call(client, "checklist", {"service": "Azure Widget Queue", "pillar": "reliability"})
    assert titles(a) == ["Replicate queues across zones", "Retry with backoff"]

    # service_guide: pillar by pillar, built from the graph.
    guide = await call(client, "service_guide", {"service": "awq"})
    assert guide["service"] == "Azure Widget Queue"
    assert guide["total"] == 7
    assert [p["pillar"] for p in guide["pillars"]] == ["Reliability", "Security", None]
    reliability, security, general = guide["pillars"]
    assert [r["title"] for r in reliability["checklist"]] == ["Replicate queues across zones", "Retry with backoff"]
    assert [r["scope"] for r in reliability["configuration"]] == ["Queue", "Client"]
    assert [r["title"] for r in security["checklist"]] == ["Encrypt queued widgets"]
    assert [r["title"] for r in security["tradeoffs"]] == ["Customer-managed keys add a key rotation chore to operations"]
    assert [r["title"] for r in general["policies"]] == ["Widget queues should disable public network access"]
    assert guide["links"][0]["target"] == "/azure/architecture/widget-queue-baseline"
    by_name = await call(client, "service_guide", {"service": "Azure Widget Queue"})
    assert by_name["pillars"] == guide["pillars"]

    # tradeoffs: between two pillars, each involving both.
    a = await call(client, "tradeoffs", {"pillars": ["reliability", "security"]})
    assert sorted(titles(a)) == ["More moving parts", "Slower recovery"]
    assert all({"Reliability", "Security"} <= set(r["pillars"]) for r in a["results"])

    # neighbors: one edge away, with the relation.
    a = await call(client, "neighbors", {"id": "pillar:security"})
    baseline = next(r for r in a["results"] if r["title"] == "Keep a security baseline")
    assert baseline["relation"] == "← in-pillar", baseline["relation"]
    a = await call(client, "neighbors", {"id": "SE:01", "limit": 1})
    assert len(a["results"]) == 1 and a["total"] == 3
    a = await call(client, "neighbors", {"id": "XO:01", "platform": "Power Platform"})
    assert "Experience Optimization" in titles(a), titles(a)

    # Errors, as a person would read them.
    text = await fails(client, "recommendations", {"pillar": "bogus"})
    assert "`pillar:bogus` names no pillar" in text and "pillars are: reliability" in text
    text = await fails(client, "service_guide", {"service": "nope"})
    assert "names no service" in text and "azure-widget-queue" in text
    text = await fails(client, "get", {"id": "recommendation:nothing-like-it"})
    assert "no node has the id `recommendation:nothing-like-it`" in text
    text = await fails(client, "get", {"id": "SE:09"})
    assert "no checklist item has the code `SE:09`" in text
    text = await fails(client, "query", {"text": 'kind:challenge "open'})
    assert "unbalanced quote" in text or "never closed" in text, text
    text = await fails(client, "query", {"text": "security", "limit": 0})
    assert "limit" in text
    text = await fails(client, "tradeoffs", {"pillars": []})
    assert "two pillars" in text
    # Arguments against the schema: the SDK says which, as a tool error too.
    bad = await client.call_tool("checklist", {"pillar": 7})
    assert bad.is_error and "expected a string" in bad.content[0].text, bad
    with pytest.raises(MCPError) as unknown:
        await client.call_tool("no_such_tool", {})
    assert "not found" in unknown.value.error.message

    # Articles as resources.
    listed = await client.list_resources()
    uris = [r.uri for r in listed.resources]
    assert len(uris) == FIXTURE_ARTICLES, uris
    assert "guidegraph://article/azure-waf/service-guides/widget-queue.md" in uris
    read = await client.read_resource("guidegraph://article/azure-waf/service-guides/widget-queue.md")
    text = read.contents[0].text
    assert text.startswith("---") and "# Architecture best practices for Azure Widget Queue" in text
    assert read.contents[0].mime_type == "text/markdown"
    templates = await client.list_resource_templates()
    assert templates.resource_templates[0].uri_template.startswith("guidegraph://article/")
    for uri in (
        "guidegraph://article/azure-waf/no-such.md",
        # Only indexed articles are served, never a path out of the corpus.
        "guidegraph://article/azure-waf/../../../../etc/passwd",
        "guidegraph://article/azure-waf/security/../security/checklist.md",
        "file:///etc/passwd",
    ):
        with pytest.raises(MCPError) as missing:
            await client.read_resource(uri)
        assert "no article" in missing.value.error.message, uri


def test_stdio_client_lists_and_calls_every_tool():
    async def run():
        async with Client(stdio_server()) as client:
            await check_tools(client)

    asyncio.run(asyncio.wait_for(run(), timeout=120))


def test_streamable_http_client_lists_and_calls_every_tool():
    with http_server() as url:

        async def run():
            async with Client(url) as client:
                await check_tools(client)

        asyncio.run(asyncio.wait_for(run(), timeout=120))


def test_http_server_refuses_a_foreign_host_header():
    """Against DNS rebinding, a server on loopback answers loopback names only."""
    import httpx2

    with http_server() as url:
        r = httpx2.post(
            url,
            headers={"Host": "attacker.example", "Content-Type": "application/json", "Accept": "application/json, text/event-stream"},
            content=json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}),
        )
        assert r.status_code == 403, (r.status_code, r.text)


# The calls of the load test, in turn: a mix of what assistants ask.
LOAD_CALLS = [
    ("query", {"text": "security checklist for Azure"}),
    ("recommendations", {"pillar": "reliability"}),
    ("service_guide", {"service": "AWQ"}),
    ("get", {"id": "SE:02"}),
    ("tradeoffs", {"pillars": ["reliability", "security"]}),
    ("design_principles", {"workload": "AI"}),
    ("checklist", {"platform": "Power Platform"}),
    ("neighbors", {"id": "pillar:reliability"}),
    ("query", {"text": "how do I keep queued widgets safe"}),
]


def test_load_many_clients_at_once_over_http():
    clients = int(os.environ.get("MCP_LOAD_CLIENTS", "20"))
    calls = int(os.environ.get("MCP_LOAD_CALLS", "200"))
    bound = float(os.environ.get("MCP_LOAD_SECONDS", "300"))
    latencies = []
    errors = []

    async def one_client(url, n, stop_at):
        async with Client(url) as client:
            for i in range(calls):
                if time.monotonic() > stop_at:
                    return
                tool, args = LOAD_CALLS[(n + i) % len(LOAD_CALLS)]
                started = time.perf_counter()
                try:
                    result = await client.call_tool(tool, args)
                except Exception as e:  # noqa: BLE001 - every failure counts
                    errors.append(f"{tool}: {e!r}")
                    continue
                latencies.append(time.perf_counter() - started)
                if result.is_error or not result.structured_content:
                    errors.append(f"{tool}({args}): {result.content[0].text if result.content else '?'}")

    served = {}
    with http_server(served) as url:

        async def run():
            stop_at = time.monotonic() + bound
            started = time.perf_counter()
            await asyncio.wait_for(
                asyncio.gather(*(one_client(url, n, stop_at) for n in range(clients))),
                timeout=bound + 60,
            )
            return time.perf_counter() - started

        elapsed = asyncio.run(run())

    done = len(latencies)
    latencies.sort()
    p50 = latencies[int(0.50 * (done - 1))] if done else float("nan")
    p99 = latencies[int(0.99 * (done - 1))] if done else float("nan")
    report = {
        "clients": clients,
        "calls_per_client": calls,
        "calls": done,
        "planned": clients * calls,
        "errors": len(errors),
        "seconds": round(elapsed, 2),
        "calls_per_second": round(done / elapsed, 1) if elapsed else 0,
        "p50_ms": round(p50 * 1000, 1),
        "p99_ms": round(p99 * 1000, 1),
        "max_ms": round(latencies[-1] * 1000, 1) if done else None,
        # The server's share of the work: the clients run in this one Python process.
        "server_cpu_seconds": served.get("cpu_seconds"),
        "cpus": os.cpu_count(),
    }
    print(f"\nMCP load: {json.dumps(report)}", file=sys.stderr)
    if os.environ.get("MCP_LOAD_REPORT"):
        Path(os.environ["MCP_LOAD_REPORT"]).write_text(json.dumps(report, indent=1) + "\n")
    assert not errors, f"{len(errors)} errors, first: {errors[:3]}"
    assert done > 0, "no call was answered within the time bound"
