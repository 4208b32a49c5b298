#include "fieldwork/outbox_worker.h"

#include <spdlog/spdlog.h>

namespace kartla::fieldwork {

OutboxWorker::OutboxWorker(Mailing& mailing, std::unique_ptr<MailTransport> transport,
                           std::chrono::milliseconds poll)
    : mailing_(mailing), transport_(std::move(transport)), poll_(poll) {
  thread_ = std::thread([this] { Run(); });
}

OutboxWorker::~OutboxWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void OutboxWorker::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void OutboxWorker::Run() {
  auto keep_going = [this] {
    std::lock_guard lock(mutex_);
    return !stopping_;
  };
  while (keep_going()) {
    std::chrono::milliseconds pause = poll_;
    try {
      if (int queued = mailing_.RunDueReminders(); queued > 0) {
        spdlog::info("outbox: {} planned reminders queued", queued);
      }
      SendCounts counts = mailing_.SendDue(*transport_, keep_going);
      if (counts.sent + counts.retried + counts.failed > 0) {
        spdlog::info("outbox: sent {}, to be tried again {}, failed {}", counts.sent,
                     counts.retried, counts.failed);
      }
      if (!counts.unreachable.empty()) {
        spdlog::warn("outbox: {}; trying again in a minute", counts.unreachable);
        pause = kUnreachablePause;
      }
    } catch (const std::exception& e) {
      spdlog::error("outbox: {}", e.what());
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, pause, [this] { return stopping_ || woken_; });
    woken_ = false;
  }
}

}  // namespace kartla::fieldwork
