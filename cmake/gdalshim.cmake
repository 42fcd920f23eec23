# gdalshim.cmake - GDAL is dlopen'ed on first use (src/core/gdalshim.c), not
# linked: a process that never reads through GDAL (`tcmap --version`) does
# not pay for relocating its ~140 libraries (issue #25, "a quick start").
# Here: which library to open (its SONAME, read from the file pkg-config
# found), the GDAL headers for tcmap_obj, and the force-included
# src/core/gdalshim_names.h that sends every GDAL call in src/ to its wrapper.
# Included from the top-level CMakeLists.txt after tcmap_obj exists.
set(TCMAP_GDAL_LIBRARY ${pkgcfg_lib_GDAL_gdal})
if(NOT TCMAP_GDAL_LIBRARY)
  message(FATAL_ERROR "pkg-config found GDAL but not its library file")
endif()
execute_process(COMMAND ${CMAKE_OBJDUMP} -p ${TCMAP_GDAL_LIBRARY}
  OUTPUT_VARIABLE _gdal_dynamic RESULT_VARIABLE _gdal_rc ERROR_QUIET)
if(_gdal_dynamic MATCHES "SONAME[ \t]+([^ \t\r\n]+)")
  set(TCMAP_GDAL_SONAME ${CMAKE_MATCH_1})
else()
  message(FATAL_ERROR "cannot read the SONAME of ${TCMAP_GDAL_LIBRARY} "
    "with '${CMAKE_OBJDUMP} -p' (exit ${_gdal_rc})")
endif()
message(STATUS "GDAL is loaded on first use: ${TCMAP_GDAL_SONAME}")
target_include_directories(tcmap_obj PRIVATE ${GDAL_INCLUDE_DIRS})
target_compile_options(tcmap_obj PRIVATE ${GDAL_CFLAGS_OTHER}
  -include ${CMAKE_CURRENT_SOURCE_DIR}/src/core/gdalshim_names.h)
target_compile_definitions(tcmap_obj PRIVATE
  TCMAP_GDAL_SONAME="${TCMAP_GDAL_SONAME}")
# Linked, a GDAL outside the loader's default directories was found through
# the RUNPATH CMake wrote; loaded, through its full path as a second try.
get_filename_component(_gdal_dir ${TCMAP_GDAL_LIBRARY} DIRECTORY)
get_filename_component(_gdal_dir ${_gdal_dir} REALPATH)
set(_gdal_system FALSE)
foreach(_d ${CMAKE_C_IMPLICIT_LINK_DIRECTORIES})
  get_filename_component(_d ${_d} REALPATH)
  if(_d STREQUAL _gdal_dir)
    set(_gdal_system TRUE)
  endif()
endforeach()
set(TCMAP_GDAL_FALLBACK 0)
if(NOT _gdal_system)
  set(TCMAP_GDAL_FALLBACK 1)
  target_compile_definitions(tcmap_obj PRIVATE
    TCMAP_GDAL_PATH="${_gdal_dir}/${TCMAP_GDAL_SONAME}")
endif()
