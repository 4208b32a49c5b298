// Independent pieces of work spread over the machine's cores.
#ifndef KARTLA_CORE_PARALLEL_H_
#define KARTLA_CORE_PARALLEL_H_

#include <cstddef>
#include <functional>

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

}  // namespace kartla

#endif  // KARTLA_CORE_PARALLEL_H_
