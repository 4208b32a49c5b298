#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace kartla {

unsigned DefaultThreads() {
  if (const char* set = std::getenv("KARTLA_THREADS")) {
    unsigned threads = 0;
    const char* end = set + std::strlen(set);
    auto [at, error] = std::from_chars(set, end, threads);
    if (error == std::errc() && at == end && threads > 0) return std::min(threads, 256u);
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

void ParallelFor(size_t count, const std::function<void(size_t)>& work, unsigned threads) {
  if (threads == 0) threads = DefaultThreads();
  threads = unsigned(std::min<size_t>(threads, count));
  if (threads <= 1) {
    for (size_t i = 0; i < count; ++i) work(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  // Guarded by mutex.
  std::exception_ptr failure;
  size_t failed_at = count;
  auto run = [&] {
    for (size_t i; !stop.load(std::memory_order_relaxed) &&
                   (i = next.fetch_add(1, std::memory_order_relaxed)) < count;) {
      try {
        work(i);
      } catch (...) {
        stop = true;
        std::lock_guard<std::mutex> lock(mutex);
        if (i < failed_at) failed_at = i, failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> helpers;
  helpers.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) {
    // A machine that can start no more threads does the work with fewer.
    try {
      helpers.emplace_back(run);
    } catch (const std::system_error&) {
      break;
    }
  }
  run();
  for (std::thread& helper : helpers) helper.join();
  if (failure) std::rethrow_exception(failure);
}

Handoff::Handoff() : thread_([this] { Run(); }) {}

Handoff::~Handoff() {
  {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return !work_; });
    ending_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void Handoff::Hand(std::function<void()> work) {
  Wait();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    work_ = std::move(work);
  }
  changed_.notify_all();
}

void Handoff::Wait() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return !work_; });
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void Handoff::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return work_ || ending_; });
    if (!work_) return;
    lock.unlock();
    std::exception_ptr failure;
    try {
      work_();
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    failure_ = failure;
    work_ = nullptr;
    changed_.notify_all();
  }
}

}  // namespace kartla
