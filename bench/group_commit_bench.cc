// Writes per second through the SQLite writer, eight threads writing at
// once: committed in groups (one fsync per group) against one commit per
// write (one fsync each), in the same run. Run bench/run to see the ratio.

#include <benchmark/benchmark.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "storage/sqlite/sqlite_database.h"

namespace kartla {
namespace {

// Shared by the benchmark's threads; set up and torn down by thread 0
// outside the timed loop (the threads meet at the loop's start and end).
std::unique_ptr<sqlite::SqliteDatabase> g_database;
std::atomic<int64_t> g_next_id = 0;

std::filesystem::path BenchFile() {
  // On the disk of the current folder: fsync costs what it costs there.
  return std::filesystem::current_path() / "group_commit_bench.db";
}

void RemoveFiles() {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(BenchFile().string() + suffix);
  }
}

void BM_ConcurrentWrites(benchmark::State& state) {
  if (state.thread_index() == 0) {
    RemoveFiles();
    sqlite::SqliteOptions options;
    options.path = BenchFile().string();
    options.create = true;
    options.max_group = size_t(state.range(0));
    options.now = "2026-01-01T00:00:00Z";
    auto db = sqlite::SqliteDatabase::Open(options);
    if (!db.ok()) throw std::runtime_error(db.status().ToString());
    g_database = std::move(db).value();
    g_database->Write([](sql::Connection& c) {
      c.Execute("CREATE TABLE answers (id INTEGER PRIMARY KEY, page TEXT)");
    });
  }
  const std::string page(200, 'a');  // a page of answers, roughly
  for (auto _ : state) {
    int64_t id = ++g_next_id;
    g_database->Write([&](sql::Connection& c) {
      c.Execute("INSERT INTO answers (id, page) VALUES (?, ?)", {id, page});
    });
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    sqlite::WriterStats stats = g_database->stats();
    state.counters["writes_per_commit"] =
        double(stats.writes) / double(std::max<uint64_t>(stats.commits, 1));
    g_database.reset();
    RemoveFiles();
  }
}

BENCHMARK(BM_ConcurrentWrites)
    ->ArgName("max_group")
    ->Arg(1)
    ->Arg(512)
    ->Threads(8)
    ->UseRealTime()
    ->MinTime(3.0);

}  // namespace
}  // namespace kartla

BENCHMARK_MAIN();
