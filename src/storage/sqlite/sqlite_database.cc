#include "storage/sqlite/sqlite_database.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <future>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/system_error.h"
#include "storage/sql/migrations.h"
#include "storage/sql/shared_read.h"
#include "storage/sql/transaction.h"
#include "storage/sqlite/sqlite_connection.h"

namespace kartla::sqlite {
namespace {

struct WriteJob {
  const std::function<void(sql::Connection&)>* work;
  std::promise<void> done;
};

}  // namespace

class SqliteDatabase::Impl {
 public:
  // The thread's shared snapshot (ReadTogether), on a reader of the pool.
  using SharedRead = sql::SharedRead<Impl, SqliteConnection>;
  friend SharedRead;

  Impl(SqliteOptions options, std::unique_ptr<SqliteConnection> writer)
      : options_(std::move(options)), writer_(std::move(writer)) {
    thread_ = std::thread([this] { WriterLoop(); });
  }

  ~Impl() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    work_ready_.notify_one();
    thread_.join();
    // This thread's own reader closes now, so that the writer closes last
    // and folds the write-ahead log into the database file. (Threads that
    // read from it, the server's, have ended before it closes.)
    if (own_reader_.database == id_) own_reader_.Release();
  }

  void Write(const std::function<void(sql::Connection&)>& work) {
    CheckMayWait();
    // The thread's shared snapshot must not hide this write from its reads.
    if (SharedRead* shared = SharedRead::Of(*this)) shared->End();
    WriteJob job{&work, {}};
    std::future<void> done = job.done.get_future();
    {
      std::lock_guard lock(mu_);
      if (stopping_) throw SystemError("the database is closing");
      queue_.push_back(&job);
    }
    work_ready_.notify_one();
    done.get();
  }

  void Read(const std::function<void(sql::Connection&)>& work) {
    if (SharedRead* shared = SharedRead::Of(*this)) {
      shared->Read(work);
      return;
    }
    std::unique_ptr<SqliteConnection> connection = TakeConnection();
    {
      sql::Transaction snapshot(*connection, "BEGIN");
      work(*connection);
      snapshot.Commit();
    }
    GiveBack(std::move(connection));
  }

  std::unique_ptr<ReadScope> ReadTogether() { return SharedRead::Begin(*this, "BEGIN"); }

  WriterStats stats() const {
    std::lock_guard lock(mu_);
    WriterStats stats = stats_;
    stats.queued = queue_.size();
    return stats;
  }

 private:
  void WriterLoop() {
    for (;;) {
      std::vector<WriteJob*> group;
      {
        std::unique_lock lock(mu_);
        work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and nothing left to do
        while (!queue_.empty() && group.size() < options_.max_group) {
          group.push_back(queue_.front());
          queue_.pop_front();
        }
      }
      CommitGroup(group);
    }
  }

  // Runs every job of `group` in its own savepoint of one transaction,
  // commits once, then tells each caller how its job ended.
  void CommitGroup(const std::vector<WriteJob*>& group) {
    std::vector<std::exception_ptr> failures(group.size());
    bool committed = false;
    try {
      sql::Transaction transaction(*writer_, writer_->BeginWriteStatement());
      for (size_t i = 0; i < group.size(); ++i) {
        try {
          sql::Savepoint savepoint(*writer_, "write_job");
          (*group[i]->work)(*writer_);
          savepoint.Release();
        } catch (...) {
          failures[i] = std::current_exception();
        }
      }
      transaction.Commit();
      committed = true;
    } catch (const std::exception& e) {
      spdlog::error("a group of {} writes failed to commit: {}", group.size(),
                    e.what());
      for (auto& failure : failures) {
        if (!failure) failure = std::current_exception();
      }
    }
    {
      std::lock_guard lock(mu_);
      stats_.writes += group.size();
      if (committed) ++stats_.commits;
    }
    for (size_t i = 0; i < group.size(); ++i) {
      if (failures[i]) {
        group[i]->done.set_exception(failures[i]);
      } else {
        group[i]->done.set_value();
      }
    }
  }

  // A reader whose snapshot did not end: closed, never reused.
  void Discard(std::unique_ptr<SqliteConnection>) {}

  // A reader: the calling thread's own if it has one for this database
  // (its caches stay on the thread's core, and no lock is taken), else one
  // from the pool, else a new one.
  std::unique_ptr<SqliteConnection> TakeConnection() {
    if (own_reader_.database == id_ && own_reader_.connection) {
      return std::move(own_reader_.connection);
    }
    {
      std::lock_guard lock(readers_mu_);
      if (!idle_readers_.empty()) {
        auto connection = std::move(idle_readers_.back());
        idle_readers_.pop_back();
        return connection;
      }
    }
    return std::make_unique<SqliteConnection>(options_.path, OpenMode::kReadOnly);
  }

  // Back to its thread if it is the thread's own, or becomes the thread's
  // own if fewer threads than cores have one (the first to read, in a server
  // its I/O threads: more readers attached would slow every lock of the
  // write-ahead log, which visits each); else back to the pool.
  void GiveBack(std::unique_ptr<SqliteConnection> connection) {
    if (own_reader_.database == id_ && own_reader_.connection == nullptr) {
      own_reader_.connection = std::move(connection);
      return;
    }
    if (own_reader_.database != id_) {
      if (owners_->fetch_add(1) < own_readers_limit_) {
        own_reader_.Release();  // another database's
        own_reader_.database = id_;
        own_reader_.owners = owners_;
        own_reader_.connection = std::move(connection);
        return;
      }
      owners_->fetch_sub(1);
    }
    std::lock_guard lock(readers_mu_);
    if (idle_readers_.size() < options_.idle_readers) {
      idle_readers_.push_back(std::move(connection));
    }
  }

  // A thread's own reader, of the database numbered `database` (out while
  // the thread reads with it).
  struct OwnReader {
    uint64_t database = 0;
    std::shared_ptr<std::atomic<int>> owners;  // the database's count of them
    std::unique_ptr<SqliteConnection> connection;
    void Release() {
      if (owners) --*owners;
      owners.reset();
      database = 0;
      connection.reset();
    }
    ~OwnReader() { Release(); }
  };
  static thread_local OwnReader own_reader_;
  static std::atomic<uint64_t> next_id_;
  const uint64_t id_ = ++next_id_;
  const std::shared_ptr<std::atomic<int>> owners_ = std::make_shared<std::atomic<int>>(0);
  const int own_readers_limit_ = int(std::max(1u, std::thread::hardware_concurrency()));

  const SqliteOptions options_;
  const std::unique_ptr<SqliteConnection> writer_;  // the writer thread's own

  mutable std::mutex mu_;
  std::condition_variable work_ready_;
  std::deque<WriteJob*> queue_;  // guarded by mu_
  bool stopping_ = false;        // guarded by mu_
  WriterStats stats_;            // guarded by mu_

  std::mutex readers_mu_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;  // readers_mu_

  std::thread thread_;
};

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(
    const SqliteOptions& options) {
  bool exists = std::filesystem::exists(options.path);
  if (!exists && !options.create) {
    return Status::FailedPrecondition(fmt::format(
        "there is no database at {}: create one with `kartla init`",
        options.path));
  }
  auto writer = std::make_unique<SqliteConnection>(
      options.path, options.create ? OpenMode::kCreate : OpenMode::kReadWrite);
  try {
    writer->ExecuteScript(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
    Status migrated = sql::Migrate(*writer, sql::BuiltinMigrations(),
                                   {.name = "sqlite", .id_type = "INTEGER PRIMARY KEY"}, options.now);
    if (!migrated.ok()) return migrated;
  } catch (const SystemError& e) {
    if (std::string_view(e.what()).find("not a database") !=
        std::string_view::npos) {
      return Status::Incompatible(
          fmt::format("{} is not a Kartla database", options.path));
    }
    throw;
  }
  return std::unique_ptr<SqliteDatabase>(new SqliteDatabase(
      std::make_unique<Impl>(options, std::move(writer))));
}

thread_local SqliteDatabase::Impl::OwnReader SqliteDatabase::Impl::own_reader_;
std::atomic<uint64_t> SqliteDatabase::Impl::next_id_{0};

SqliteDatabase::SqliteDatabase(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}

SqliteDatabase::~SqliteDatabase() = default;

void SqliteDatabase::Write(const std::function<void(sql::Connection&)>& work) {
  impl_->Write(work);
}

void SqliteDatabase::Read(const std::function<void(sql::Connection&)>& work) {
  impl_->Read(work);
}

std::unique_ptr<sql::Database::ReadScope> SqliteDatabase::ReadTogether() {
  return impl_->ReadTogether();
}

WriterStats SqliteDatabase::stats() const { return impl_->stats(); }

void SqliteDatabase::Backup(const std::string& path, const std::string& file) {
  SqliteConnection(path, OpenMode::kReadOnly).BackupTo(file);
}

int SqliteDatabase::schema_version() {
  return ReadValue([](sql::Connection& c) { return sql::SchemaVersion(c); });
}

}  // namespace kartla::sqlite
