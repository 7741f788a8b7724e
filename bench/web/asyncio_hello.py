"""A minimal asyncio-streams HTTP server answering every request with the exact bytes of
examples/hello-server.scm, for bench/web/run.py.  Keep-alive and pipelining; no parsing beyond
finding the end of each request's headers (requests carry no body).

Usage: python bench/web/asyncio_hello.py PORT
"""
from __future__ import annotations

import asyncio
import sys

RESPONSE = (b"HTTP/1.1 200 OK\r\nContent-Length: 13\r\n"
            b"Content-Type: text/plain;charset=utf-8\r\n\r\nHello, World!")


async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Answer each request of one connection until the client closes it."""
    try:
        while True:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(RESPONSE)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def main(port: int) -> None:
    server = await asyncio.start_server(serve, "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main(int(sys.argv[1])))
    except KeyboardInterrupt:
        pass
