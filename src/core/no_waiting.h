// Marks the threads that must not wait for a durable write: a server's I/O
// threads while they run a GET's handler (every other connection of the
// thread would wait with it). The database checks the mark before it
// waits, so that a route that writes but was not declared so is found.
#ifndef KARTLA_CORE_NO_WAITING_H_
#define KARTLA_CORE_NO_WAITING_H_

namespace kartla {

// While one lives, the calling thread is marked. Not nestable across
// threads; nestable on one.
class NoWaitingHere {
 public:
  NoWaitingHere() : outer_(marked_) { marked_ = true; }
  ~NoWaitingHere() { marked_ = outer_; }
  NoWaitingHere(const NoWaitingHere&) = delete;
  NoWaitingHere& operator=(const NoWaitingHere&) = delete;

  // Whether the calling thread is marked.
  static bool Marked() { return marked_; }

 private:
  static inline thread_local bool marked_ = false;
  const bool outer_;
};

}  // namespace kartla

#endif  // KARTLA_CORE_NO_WAITING_H_
