// Which processes send the outbox, so that a sender can tell when it is the
// only one. Each sender holds a shared lock while it sends (dropped when the
// process ends, however it ends); one that starts and can take the lock
// exclusively knows that every other sender has stopped, and that the
// messages still claimed were being sent when theirs stopped
// (Mailing::ReleaseClaims). On SQLite the lock is a file beside the
// database (FileSenderLock); on PostgreSQL an advisory lock of the database
// (storage/), held by a connection of the sender's own.
#ifndef KARTLA_FIELDWORK_SENDER_LOCK_H_
#define KARTLA_FIELDWORK_SENDER_LOCK_H_

#include <functional>
#include <string>

namespace kartla::fieldwork {

// Held while sending; leaves the senders when destroyed.
class SenderLock {
 public:
  virtual ~SenderLock() = default;
  SenderLock(const SenderLock&) = delete;
  SenderLock& operator=(const SenderLock&) = delete;

  // Whether this process was the only sender when it joined.
  bool was_alone() const { return was_alone_; }

 protected:
  SenderLock() = default;
  bool was_alone_ = false;
};

class FileSenderLock final : public SenderLock {
 public:
  // Joins the senders at `path` (the file is made if missing). If this
  // process is the only one, runs `if_alone` first, while no other sender
  // can start. Throws SystemError if the file cannot be opened.
  FileSenderLock(const std::string& path, const std::function<void()>& if_alone);
  ~FileSenderLock() override;

 private:
  int fd_ = -1;
};

}  // namespace kartla::fieldwork

#endif  // KARTLA_FIELDWORK_SENDER_LOCK_H_
