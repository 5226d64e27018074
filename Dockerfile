# Parley in two stages on Debian 12: build and test everything, then a slim runtime with only the binary,
# its dictionaries and the visualiser page. Build: docker build -t parley .
# Run:   docker run -p 8080:8080 -v parley-data:/data -e PARLEY_TOKEN=change-me parley
# (listening beyond loopback requires a bearer token for writes; reads need none.)

FROM debian:bookworm AS build
WORKDIR /src
# The set-up script (Debian packages, npm packages of the page) first, so that layer is cached across
# source changes; .dockerignore keeps local build trees, node_modules and databases out of the context.
COPY scripts/setup.sh scripts/setup.sh
COPY web/package.json web/package-lock.json web/
RUN scripts/setup.sh && rm -rf /var/lib/apt/lists/*
COPY . .
# The browser test needs a display-less Chromium sandbox that containers rarely allow: label `browser` is skipped.
RUN cmake --preset release \
 && cmake --build --preset release -j"$(nproc)" \
 && ctest --preset release -LE browser \
 && strip build/release/cli/parley

FROM debian:bookworm-slim AS runtime
# Shared libraries the binary links (SQLite, Boost.URL, fmt, spdlog, libzip) and curl for the health check.
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libsqlite3-0 libboost-url1.81.0 libfmt9 libspdlog1.10 libzip4 libstdc++6 ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin parley \
 && mkdir -p /data && chown parley:parley /data
COPY --from=build /src/build/release/cli/parley /usr/local/bin/parley
COPY --from=build /src/dictionaries /usr/share/parley/dictionaries
COPY --from=build /src/web /usr/share/parley/web
COPY --from=build /src/examples /usr/share/parley/examples

ENV PARLEY_DB=/data/parley.db \
    PARLEY_DICTIONARIES=/usr/share/parley/dictionaries \
    PARLEY_WEB_ROOT=/usr/share/parley/web \
    PARLEY_LISTEN=0.0.0.0:8080
USER parley
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["parley"]
CMD ["serve"]
