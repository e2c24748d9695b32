"""Run an ArcadeDB server with its Neo4j Bolt plugin (from the arcadedb-embedded wheel, a test
dependency) until stdin closes or the process is terminated. Prints READY when Bolt listens.

    python tests/servers/arcadedb_bolt.py ROOT_DIR BOLT_PORT HTTP_PORT PASSWORD DATABASE
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    root, bolt_port, http_port, password, database = sys.argv[1:6]
    os.chdir(root)  # ArcadeDB writes its log/ folder into the working directory
    import arcadedb_embedded

    server = arcadedb_embedded.create_server(root_path=os.path.join(root, "databases"), root_password=password,
                                             config={"server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
                                                     "bolt_port": int(bolt_port), "bolt_host": "127.0.0.1",
                                                     "http_port": int(http_port), "host": "127.0.0.1"})
    server.start()
    server.create_database(database)
    print("\nREADY", flush=True)  # on a line of its own: the Java log does not end its last line
    try:
        sys.stdin.read()  # the fixture closes stdin (or terminates us) to stop the server
    finally:
        server.stop()


if __name__ == "__main__":
    main()
