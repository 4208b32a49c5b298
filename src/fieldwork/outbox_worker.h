// A thread that sends the outbox while the server runs: every few seconds,
// or at once when woken, it queues the planned reminders whose day has come
// and sends the due messages; it stops between two messages.
#ifndef KARTLA_FIELDWORK_OUTBOX_WORKER_H_
#define KARTLA_FIELDWORK_OUTBOX_WORKER_H_

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "fieldwork/mail.h"
#include "fieldwork/mailing.h"

namespace kartla::fieldwork {

class OutboxWorker {
 public:
  // Starts sending through `transport`; `mailing` must outlive the worker.
  OutboxWorker(Mailing& mailing, std::unique_ptr<MailTransport> transport,
               std::chrono::milliseconds poll = std::chrono::seconds(2));
  // Stops after the message being sent, if any.
  ~OutboxWorker();
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  // Looks for due messages now rather than at the next poll.
  void Wake();

 private:
  void Run();

  Mailing& mailing_;
  std::unique_ptr<MailTransport> transport_;
  const std::chrono::milliseconds poll_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kartla::fieldwork

#endif  // KARTLA_FIELDWORK_OUTBOX_WORKER_H_
