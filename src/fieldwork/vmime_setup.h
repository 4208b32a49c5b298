// For mail.cc and smtp.cc only: VMime's platform handler, installed once.
#ifndef KARTLA_FIELDWORK_VMIME_SETUP_H_
#define KARTLA_FIELDWORK_VMIME_SETUP_H_

#include <vmime/platforms/posix/posixHandler.hpp>
#include <vmime/vmime.hpp>

#include <mutex>

namespace kartla::fieldwork {

inline void EnsureVmime() {
  static std::once_flag once;
  std::call_once(once, [] {
    vmime::platform::setHandler<vmime::platforms::posix::posixHandler>();
  });
}

}  // namespace kartla::fieldwork

#endif  // KARTLA_FIELDWORK_VMIME_SETUP_H_
