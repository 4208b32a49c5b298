// Independent pieces of work spread over the machine's cores.
#ifndef KARTLA_CORE_PARALLEL_H_
#define KARTLA_CORE_PARALLEL_H_

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace kartla {

// Calls work(i) exactly once for each i in [0, count), on up to `threads`
// threads at once: the calling thread and threads started for this call,
// which have ended when it returns. Default (0): as many as the machine has
// cores, or the KARTLA_THREADS environment variable where it is a positive
// number; never more than `count`. With one thread every call is made in
// order on the calling thread.
//
// The calls must not depend on each other's order: each writes only what
// is its own (slot i of a vector sized beforehand), so that the outcome is
// the same with any number of threads. If a call throws, no further index
// is started, the calls under way finish, and the exception of the lowest
// index that threw is rethrown here (indices are handed out in order, so
// that is the same exception whatever the number of threads).
void ParallelFor(size_t count, const std::function<void(size_t)>& work, unsigned threads = 0);

// The number of threads ParallelFor uses by default (at least 1).
unsigned DefaultThreads();

// One thread that does a run of pieces of work, handed to it one at a time,
// each while the caller prepares the next (reading the next batch while the
// one before is written). The same thread does every piece, so that what a
// piece frees its successor reuses: a thread started for each piece would
// be given another of the allocator's arenas and fault fresh pages in.
class Handoff {
 public:
  Handoff();
  // Waits for the piece under way (dropping what it threw), then ends the
  // thread.
  ~Handoff();
  Handoff(const Handoff&) = delete;
  Handoff& operator=(const Handoff&) = delete;

  // Waits for the piece handed before, rethrowing what it threw; then hands
  // `work` over and returns while it runs.
  void Hand(std::function<void()> work);
  // Waits for the piece under way; rethrows what it threw.
  void Wait();

 private:
  void Run();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::function<void()> work_;  // guarded by mutex_: the piece handed, until it ends
  std::exception_ptr failure_;  // guarded by mutex_
  bool ending_ = false;         // guarded by mutex_
  std::thread thread_;          // last: started once the rest is ready
};

}  // namespace kartla

#endif  // KARTLA_CORE_PARALLEL_H_
