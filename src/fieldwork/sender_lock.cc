#include "fieldwork/sender_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/system_error.h"

namespace kartla::fieldwork {

FileSenderLock::FileSenderLock(const std::string& path, const std::function<void()>& if_alone) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    throw SystemError("cannot open the outbox's sender lock " + path + ": " +
                      std::strerror(errno));
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) {
    was_alone_ = true;
    try {
      if_alone();
    } catch (...) {
      ::close(fd_);
      throw;
    }
  }
  // Shared from now on, so that other senders may join. Waits only while
  // another sender is in its own `if_alone`.
  while (::flock(fd_, LOCK_SH) != 0) {
    if (errno != EINTR) {
      int error = errno;
      ::close(fd_);
      throw SystemError("cannot lock the outbox's sender lock " + path + ": " +
                        std::strerror(error));
    }
  }
}

FileSenderLock::~FileSenderLock() { ::close(fd_); }

}  // namespace kartla::fieldwork
