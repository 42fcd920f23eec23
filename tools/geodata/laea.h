/* laea.h - the equal-area projection the default geodata is measured in:
 * Lambert azimuthal equal-area centred on the region. Defined once, here,
 * for the builder (mkgeodata.h) and for the tests that measure its areas
 * again: test_geodata_files.c, test_export.c and the Python tests, whose
 * conftest.py reads the string from this file. */
#ifndef TCMAP_LAEA_H
#define TCMAP_LAEA_H

#define LAEA_PROJ4                                                             \
    "+proj=laea +lat_0=40 +lon_0=46.5 +datum=WGS84 +units=m +no_defs"

#endif
