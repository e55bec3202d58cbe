# Roster. `make run` brings the bundle up locally; `make test` is what CI runs.
# Functions are the folders under functions/; each folder is the kebab-case
# of the function's logical id in template.yaml (a test keeps the two agreed).

GO        ?= go
FUNCTIONS := $(filter-out testdata,$(notdir $(patsubst %/,%,$(wildcard functions/*/))))
LAMBDA_BUILD = CGO_ENABLED=0 GOOS=linux GOARCH=arm64 $(GO) build -tags lambda.norpc -trimpath -ldflags='-s -w'

.PHONY: run test vet lint bench bench-cold bench-scale smoke build size coldstart clean browser web web-check screenshots

run: ## the whole bundle on 127.0.0.1:3000 (ROSTER_ADDR etc. to change; ARGS=--reset to start clean)
	$(GO) run ./cmd/roster-local $(ARGS)

# No test carries a wall-clock deadline of its own; this -timeout is the one
# bound, generous enough for 2 busy cores (a hang prints every goroutine).
TEST_TIMEOUT ?= 30m

test: vet browser ## vet and the race-enabled suite (with the console in headless Chromium), against the embedded emulators; the vendored DynamoDB emulator's own tests
	$(GO) test -race -count=1 -timeout $(TEST_TIMEOUT) ./...
	cd third_party/minidyn && env -u AWS_CA_BUNDLE $(GO) test -count=1 -timeout $(TEST_TIMEOUT) ./...

# -race as go test's: vet then reads the export data of the same compiled
# packages, so a fresh cache compiles the dependency graph once, not twice.
# The race detector needs cgo; without it vet runs plain.
VET_RACE = $(if $(filter 1,$(shell $(GO) env CGO_ENABLED)),-race)
vet:
	$(GO) vet $(VET_RACE) ./...

lint: ## go.mod and go.sum tidy; the patched copies in third_party are upstream plus their PATCH.diff; staticcheck at the version go.mod pins (a tool dependency)
	$(GO) mod tidy -diff
	third_party/vendor.sh -check third_party/phonenumbers
	third_party/vendor.sh -check third_party/excelize
	$(GO) tool staticcheck ./...

# The console's browser tests need Chromium; Debian's package is the one
# that works here (browser downloads by npm packages do not).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser: ## Debian's chromium for the console's browser tests, installed when missing
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 || \
	  { echo "installing Debian's chromium for the console's browser tests"; \
	    $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

web: ## rebuild the console (web/dist, committed) from web/src with the locked npm packages
	cd web && npm ci --no-audit --no-fund --loglevel=error && node build.mjs

web-check: web ## CI: the committed console is what its sources and lockfile build, and axe-core's vendored copy is the locked one
	@git diff --exit-code --stat -- web/dist || { echo 'web/dist differs from a fresh build: run make web and commit web/dist' >&2; exit 1; }
	@test -z "$$(git status --porcelain -- web/dist)" || { git status --porcelain -- web/dist; echo 'web/dist has files a fresh build does not make, or lacks some: run make web and commit web/dist' >&2; exit 1; }
	@cmp -s web/node_modules/axe-core/axe.min.js third_party/axe-core/axe.min.js || { echo 'third_party/axe-core/axe.min.js is not the locked axe-core: copy web/node_modules/axe-core/axe.min.js' >&2; exit 1; }

screenshots: browser ## the README's pictures of the console (docs/screenshots), taken by the browser test
	mkdir -p docs/screenshots
	ROSTER_SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -count=1 -timeout $(TEST_TIMEOUT) -run 'TestBundle/the_console' ./cmd/roster-local

# The figures of docs/performance.md: each function's size, its start-up
# against a bare SDK binary, then every benchmark (the import check's rows/s
# and peak heap at ROSTER_BENCH_ROWS rows, a 100k-row import applied through
# the local stack while other requests are timed, the stack's start and
# restart), then the cold rows. Takes a while: it links every function for
# arm64, and bench-cold compiles everything twice from nothing.
bench: size coldstart ## every figure of docs/performance.md (sizes, start-up ratios, benchmarks, the cold start of make run and make test)
	$(GO) test -run '^$$' -bench . -benchmem -timeout $(TEST_TIMEOUT) ./...
	$(MAKE) bench-cold

bench-cold: ## make run to /health with a fresh Go build cache, a restart, and make test in a fresh clone with a fresh cache (about 15 min on 2 idle cores)
	$(GO) run ./cmd/benchcold $(ARGS)

bench-scale: ## DynamoDB calls and units per request path, small vs large organisation (docs/performance.md)
	$(GO) run ./cmd/bench-scale $(ARGS)

smoke: ## the smoke suite against a deployed stack: make smoke API_URL=https://… SMOKE_EMAIL=… SMOKE_PASSWORD=…
	@test -n "$(API_URL)" || { echo 'usage: make smoke API_URL=https://… SMOKE_EMAIL=<an administrator> SMOKE_PASSWORD=…' >&2; exit 2; }
	API_URL='$(API_URL)' $(GO) test -tags integration -count=1 -v ./internal/smoke $(ARGS)

build: $(addprefix bin/,$(addsuffix /bootstrap,$(FUNCTIONS))) ## one stripped static arm64 bootstrap per function

bin/%/bootstrap: FORCE
	$(LAMBDA_BUILD) -o $@ ./functions/$*

size: build ## stripped and zipped size of each function
	$(GO) run ./cmd/fnsize bin

# Start-up against a bare binary that builds the same SDK clients; the
# binaries are built for this machine (Lambda's arm64 cannot run here), so the
# ratios are the figures, not the milliseconds. ARGS=-n 41 for more starts.
COLDSTART_FUNCTIONS ?= get-group create-user update-user create-contact import-contacts export-contacts get-contact-template login authorizer
NATIVE_BUILD = CGO_ENABLED=0 $(GO) build -tags lambda.norpc -trimpath -ldflags='-s -w'
coldstart: ## time from process start to the first poll of the Runtime API, per function, as a ratio to a bare SDK binary
	$(NATIVE_BUILD) -o bin-native/bare/bootstrap ./cmd/coldstart/bare
	$(NATIVE_BUILD) -o bin-native/bare-secret/bootstrap ./cmd/coldstart/bare-secret
	for f in $(COLDSTART_FUNCTIONS); do $(NATIVE_BUILD) -o bin-native/$$f/bootstrap ./functions/$$f || exit 1; done
	$(GO) run ./cmd/coldstart -bin bin-native $(ARGS) bare bare-secret $(COLDSTART_FUNCTIONS)

# sam build calls build-<LogicalId> (Metadata: BuildMethod: makefile) with ARTIFACTS_DIR set.
build-%:
	$(LAMBDA_BUILD) -o $(ARTIFACTS_DIR)/bootstrap ./functions/$(shell echo '$*' | sed -E 's/([a-z0-9])([A-Z])/\1-\2/g' | tr A-Z a-z)

clean:
	rm -rf bin bin-native .aws-sam

FORCE:
