# install.cmake - what `cmake --install` puts where, and the packaging that
# lets other programs find it: tcmap.pc for pkg-config and tcmapConfig.cmake
# for find_package(tcmap). Both are relocatable (paths are relative to the
# file itself), so `cmake --install build --prefix DIR` works for any DIR.
# Included once from the top-level CMakeLists.txt, after the targets exist.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS tcmap_shared tcmap_static
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS tcmap RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/include/tcmap.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_SOURCE_DIR}/docs/tcmap.1
  DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# The default inputs go to PREFIX/share/tcmap, where the installed program
# looks (bin/../share/tcmap, src/cli/common.c) and where tcmap.pc's
# pkgdatadir and tcmapConfig.cmake's tcmap_DATA_DIR point.
set(TCMAP_PKGDATADIR share/tcmap)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/geodata/
  DESTINATION ${TCMAP_PKGDATADIR}/geodata
  FILES_MATCHING PATTERN "*.shp" PATTERN "*.shx" PATTERN "*.dbf"
  PATTERN "*.prj" PATTERN "*.cpg" PATTERN "manifest.ini" PATTERN "*.csv"
  PATTERN "ground.products" PATTERN "*.csv.products"
  PATTERN "*.md")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/styles/
  DESTINATION ${TCMAP_PKGDATADIR}/styles
  FILES_MATCHING PATTERN "*.ini" PATTERN "*.md")
# The editions' words (--lang), one file per language.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/lang/
  DESTINATION ${TCMAP_PKGDATADIR}/lang
  FILES_MATCHING PATTERN "*.ini")

# Paths from the packaging files back to the prefix.
file(RELATIVE_PATH TCMAP_PC_TO_PREFIX
  "/p/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/p")
file(RELATIVE_PATH TCMAP_CMAKE_TO_PREFIX
  "/p/${CMAKE_INSTALL_LIBDIR}/cmake/tcmap" "/p")
set(TCMAP_SHARED_NAME
  "${CMAKE_SHARED_LIBRARY_PREFIX}tcmap${CMAKE_SHARED_LIBRARY_SUFFIX}.${PROJECT_VERSION_MAJOR}")
set(TCMAP_STATIC_NAME
  "${CMAKE_STATIC_LIBRARY_PREFIX}tcmap${CMAKE_STATIC_LIBRARY_SUFFIX}")
# The static library's dependencies, taken from the build's own lists so
# that they cannot drift from what the library really links.
list(JOIN DEPS_LDFLAGS " " TCMAP_PC_LIBS_PRIVATE)
get_filename_component(_shp_dir ${SHP_LIBRARY} DIRECTORY)
# GDAL is not among them: the library dlopen()s it (src/core/gdalshim.c).
string(APPEND TCMAP_PC_LIBS_PRIVATE " -L${_shp_dir} -lshp -lm -lpthread")
set(TCMAP_STATIC_DEPS ${DEPS_LINK_LIBRARIES} ${SHP_LIBRARY})
foreach(_l ${CMAKE_DL_LIBS})
  string(APPEND TCMAP_PC_LIBS_PRIVATE " -l${_l}")
  list(APPEND TCMAP_STATIC_DEPS ${_l})
endforeach()
configure_file(${PROJECT_SOURCE_DIR}/cmake/tcmap.pc.in
  ${PROJECT_BINARY_DIR}/tcmap.pc @ONLY)
configure_file(${PROJECT_SOURCE_DIR}/cmake/tcmapConfig.cmake.in
  ${PROJECT_BINARY_DIR}/tcmapConfig.cmake @ONLY)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/tcmapConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/tcmap.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
install(FILES ${PROJECT_BINARY_DIR}/tcmapConfig.cmake
  ${PROJECT_BINARY_DIR}/tcmapConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/tcmap)

# The install test: installs this build into a temporary prefix, builds
# examples/ against the installed package with pkg-config and with
# find_package, runs them and the installed program, and checks outputs.
if(BUILD_TESTING)
  set(_flags "")
  if(TCMAP_SANITIZE)
    set(_flags "-fsanitize=address,undefined")
  elseif(TCMAP_TSAN)
    set(_flags "-fsanitize=thread")
  endif()
  add_test(NAME test_install
    COMMAND sh ${PROJECT_SOURCE_DIR}/tests/install/run.sh
      ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR} "${_flags}")
  set_tests_properties(test_install PROPERTIES
    ENVIRONMENT "FONTCONFIG_FILE=${PROJECT_SOURCE_DIR}/tests/fonts.conf"
    TIMEOUT 600 COST 30)
endif()
