/* autocrs.c - the projection and extent a map gets when its style states
 * none. Chosen once at load from the control areas' lon/lat bounds, so
 * that a region other than the one the default style was written for is
 * drawn undistorted and on the page rather than as a blank map. */
#include "geom/autocrs.h"

#include <math.h>
#include <stdio.h>

/* Data up to this many degrees of longitude wide stays in or near one UTM
 * zone (6 degrees), where scale error stays under about 0.1 %. */
#define UTM_MAX_SPAN 7.0

void
tcmap__crs_for_lonlat(const double ll[4], char *buf, size_t n)
{
    double lon = (ll[0] + ll[2]) / 2, lat = (ll[1] + ll[3]) / 2;
    double span = ll[2] - ll[0];
    if (span <= UTM_MAX_SPAN && lat > -80 && lat < 84) {
        int zone = (int)floor((lon + 180) / 6) + 1;
        zone = zone < 1 ? 1 : zone > 60 ? 60 : zone;
        snprintf(buf, n, "EPSG:%d", (lat >= 0 ? 32600 : 32700) + zone);
        return;
    }
    double h = (ll[3] - ll[1]) / 6;
    double lat1 = ll[1] + h, lat2 = ll[3] - h;
    /* A cone whose standard parallels straddle the equator symmetrically,
     * or reach a pole, is no cone: fall back to an azimuthal projection. */
    if (fabs(lat1 + lat2) < 2 || fabs(lat1) > 85 || fabs(lat2) > 85) {
        snprintf(buf, n,
                 "+proj=laea +lat_0=%.4f +lon_0=%.4f +datum=WGS84 "
                 "+units=m +no_defs",
                 lat, lon);
        return;
    }
    snprintf(buf, n,
             "+proj=lcc +lat_0=%.4f +lon_0=%.4f +lat_1=%.4f +lat_2=%.4f "
             "+datum=WGS84 +units=m +no_defs",
             lat, lon, lat1, lat2);
}

void
tcmap__extent_with_margin(const double ll[4], double out[4])
{
    double mx = fmax((ll[2] - ll[0]) * 0.08, 0.05);
    double my = fmax((ll[3] - ll[1]) * 0.08, 0.05);
    out[0] = fmax(ll[0] - mx, -180);
    out[1] = fmax(ll[1] - my, -89.9);
    out[2] = fmin(ll[2] + mx, 180);
    out[3] = fmin(ll[3] + my, 89.9);
}
