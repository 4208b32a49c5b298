# kartla_embed(TARGET <lib> NAME <Function> FILES <file>...)
#
# Builds a static library <lib> holding the bytes of FILES, compiled into the
# program so that it needs no data directory at run time. The library defines
#   std::span<const kartla::EmbeddedFile> <Function>();
# declared in core/embedded.h; each file is named by its path relative to the
# source tree. The files are re-read whenever they change.
function(kartla_embed)
  cmake_parse_arguments(ARG "" "TARGET;NAME" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}.cc")
  set(abs_files "")
  foreach(f IN LISTS ARG_FILES)
    if(IS_ABSOLUTE "${f}")
      list(APPEND abs_files "${f}")
    else()
      list(APPEND abs_files "${CMAKE_CURRENT_SOURCE_DIR}/${f}")
    endif()
  endforeach()
  add_custom_command(
    OUTPUT "${out}"
    COMMAND "${CMAKE_COMMAND}" -DOUT=${out} -DNAME=${ARG_NAME}
            -DROOT=${PROJECT_SOURCE_DIR} "-DFILES=${abs_files}"
            -P "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
    DEPENDS ${abs_files} "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
    COMMENT "Embedding ${ARG_NAME}"
    VERBATIM)
  add_library(${ARG_TARGET} STATIC "${out}")
  target_link_libraries(${ARG_TARGET} PUBLIC kartla_core)
endfunction()
