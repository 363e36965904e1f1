#!/usr/bin/env bash
# Runs each fuzz target for a bounded time (not part of CI). See fuzz/README.md.
#
#   fuzz/run.sh                 every target, FUZZ_SECONDS (default 120) each
#   fuzz/run.sh spans ingest    only these targets
#   FUZZ_SECONDS=600 FUZZ_JOBS=2 fuzz/run.sh
#
# Seeds are generated from fixtures/ into fuzz/seeds/TARGET on every run; what the fuzzer
# learns is kept in fuzz/corpus/TARGET, and crashes land in fuzz/artifacts/TARGET.
# Exits non-zero when any target found a crash.
set -euo pipefail
cd "$(dirname "$0")"

seconds=${FUZZ_SECONDS:-120}
jobs=${FUZZ_JOBS:-1}
# Safe Rust: AddressSanitizer finds little and halves the speed. SANITIZER=address to use it.
sanitizer=${SANITIZER:-none}
# Largest seed file copied from fixtures/ (bytes): small inputs mutate faster.
max_seed=${FUZZ_MAX_SEED:-16384}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(ingest ingest_files spans)
fi

# cargo-fuzz needs nightly flags; stable accepts them with RUSTC_BOOTSTRAP=1.
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null || { echo "install cargo-fuzz first: cargo install cargo-fuzz" >&2; exit 2; }

separator() { printf '\n\0--m365lint-next-file--\0\n'; }

# Small realistic exports: one file per seed for the single-file targets; for the multi-file
# targets also the small files of each tenant directory, joined (see FILE_SEPARATOR in src/lib.rs).
make_seeds() {
    local target=$1 dir=seeds/$1
    rm -rf "$dir" && mkdir -p "$dir"
    find ../fixtures -name '*.json' -size -"${max_seed}"c -print0 |
        while IFS= read -r -d '' file; do
            cp "$file" "$dir/$(printf '%s' "$file" | sha1sum | cut -c1-16).json"
        done
    if [ "$target" != ingest ]; then
        find ../fixtures/tenants ../fixtures/ingest/quirks ../fixtures/ingest/paging -mindepth 1 -maxdepth 1 -type d -print0 |
            while IFS= read -r -d '' tenant; do
                local out
                out="$dir/tenant-$(printf '%s' "$tenant" | sha1sum | cut -c1-16).bin"
                find "$tenant" -name '*.json' -size -"${max_seed}"c -print0 | sort -z | head -z -n 8 |
                    while IFS= read -r -d '' file; do
                        [ -s "$out" ] && separator >>"$out"
                        cat "$file" >>"$out"
                    done
            done
    fi
}

# Build once, then run the binaries directly: `cargo fuzz run` would check the build again
# for every target.
cargo fuzz build --release --sanitizer "$sanitizer"
host=$(rustc -vV | sed -n 's/^host: //p')
bin_dir=${CARGO_TARGET_DIR:-target}/$host/release

status=0
for target in "${targets[@]}"; do
    make_seeds "$target"
    mkdir -p "corpus/$target" "artifacts/$target"
    echo "== $target: ${seconds}s, $(find "seeds/$target" -type f | wc -l) seeds"
    parallel=()
    if [ "$jobs" -gt 1 ]; then
        parallel=(-jobs="$jobs" -workers="$jobs")
    fi
    if ! "$bin_dir/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -dict=json.dict -print_final_stats=1 -artifact_prefix="artifacts/$target/" "${parallel[@]}" \
        "corpus/$target" "seeds/$target"; then
        echo "!! $target found a crash: see fuzz/artifacts/$target/ and fuzz/README.md" >&2
        status=1
    fi
done
exit $status
