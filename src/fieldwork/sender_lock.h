// Which processes send the outbox, so that a sender can tell when it is the
// only one. Each sender holds a shared lock on one file while it sends (the
// kernel drops it when the process ends, however it ends); one that starts
// and can take the lock exclusively knows that every other sender has
// stopped, and that the messages still claimed were being sent when theirs
// stopped (Mailing::ReleaseClaims).
#ifndef KARTLA_FIELDWORK_SENDER_LOCK_H_
#define KARTLA_FIELDWORK_SENDER_LOCK_H_

#include <functional>
#include <string>

namespace kartla::fieldwork {

class SenderLock {
 public:
  // Joins the senders at `path` (the file is made if missing). If this
  // process is the only one, runs `if_alone` first, while no other sender
  // can start. Throws SystemError if the file cannot be opened.
  SenderLock(const std::string& path, const std::function<void()>& if_alone);
  ~SenderLock();
  SenderLock(const SenderLock&) = delete;
  SenderLock& operator=(const SenderLock&) = delete;

  // Whether this process was the only sender when it joined.
  bool was_alone() const { return was_alone_; }

 private:
  int fd_ = -1;
  bool was_alone_ = false;
};

}  // namespace kartla::fieldwork

#endif  // KARTLA_FIELDWORK_SENDER_LOCK_H_
