# Thin wrapper around CMake. `make demo` and `make check` are all a newcomer types.
BUILD   ?= build
PREFIX  ?= /usr/local
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

# Debian packages the build and the tests need (DESIGN.md section 2).
DEB_PACKAGES = g++ cmake make pkg-config libcli11-dev libtomlplusplus-dev libfmt-dev \
  libhowardhinnant-date-dev tzdata catch2 nlohmann-json3-dev scdoc git ledger \
  bash zsh fish python3 util-linux

.PHONY: all deps configure build check demo install clean

all: build

deps:
	@sh tools/install-deps.sh $(DEB_PACKAGES)

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_FLAGS)

configure: $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

check: deps
	$(MAKE) build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

demo: deps
	$(MAKE) build
	@sh examples/demo.sh $(BUILD)/bin

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD)
