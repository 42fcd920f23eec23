"""Opens a time-enabled layer (`tcmap export --from --to`) with QGIS's
Python API, headless, animates it as QGIS's temporal controller does
("separate fields for start and end", a step of one day) and prints, as
JSON, for each date asked for: the summed area (km², measured by QGIS on
the WGS84 ellipsoid) and the summed km2 field per party of the features
the controller's filter shows on that day's frame. Run by test_qgis.py in
a process of its own: QGIS's start and exit stay out of pytest's.

usage: python3 qgis_active.py LAYER FROM TO DATE...
(FROM and TO: the span the controller animates; dates as YYYY-MM-DD)"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (Qgis, QgsApplication, QgsDateTimeRange,  # noqa: E402
                       QgsDistanceArea, QgsFeatureRequest, QgsInterval,
                       QgsProject, QgsTemporalNavigationObject,
                       QgsUnitTypes, QgsVectorLayer,
                       QgsVectorLayerTemporalContext,
                       QgsVectorLayerTemporalProperties)
from qgis.PyQt.QtCore import QDate, QDateTime, QTime  # noqa: E402


def day(text):
    return QDateTime(QDate.fromString(text, "yyyy-MM-dd"), QTime(0, 0))


def active(layer, span, dates):
    props = layer.temporalProperties()
    props.setIsActive(True)
    props.setMode(QgsVectorLayerTemporalProperties
                  .ModeFeatureDateTimeStartAndEndFromFields)
    props.setStartField("valid_from")
    props.setEndField("valid_to")
    # valid_to is the first day a feature no longer holds.
    props.setLimitMode(Qgis.VectorTemporalLimitMode.IncludeBeginExcludeEnd)
    # The controller's animation over the layer's span, a frame a day.
    nav = QgsTemporalNavigationObject()
    nav.setTemporalExtents(QgsDateTimeRange(day(span[0]), day(span[1])))
    nav.setFrameDuration(QgsInterval(1, QgsUnitTypes.TemporalDays))
    context = QgsVectorLayerTemporalContext()
    context.setLayer(layer)
    measure = QgsDistanceArea()
    measure.setSourceCrs(layer.crs(),
                         QgsProject.instance().transformContext())
    measure.setEllipsoid("WGS84")
    out = {}
    for date in dates:
        frame = nav.findBestFrameNumberForFrameStart(day(date))
        when = nav.dateTimeRangeForFrameNumber(frame)
        if when.begin() != day(date):
            sys.exit(f"qgis_active.py: no frame starts on {date}")
        expr = props.createFilterString(context, when)
        if not props.isVisibleInTemporalRange(when) or not expr:
            sys.exit(f"qgis_active.py: the layer is not temporal on {date}")
        parties = {}
        request = QgsFeatureRequest().setFilterExpression(expr)
        for f in layer.getFeatures(request):
            row = parties.setdefault(f["party"], {"measured": 0.0,
                                                  "km2": 0.0, "features": 0})
            row["measured"] += measure.measureArea(f.geometry()) / 1e6
            row["km2"] += f["km2"]
            row["features"] += 1
        out[date] = {"filter": expr, "parties": parties}
    return out


def main(argv):
    if len(argv) < 5:
        sys.exit(__doc__.rsplit("\n", 1)[-1])
    app = QgsApplication([], False)
    app.initQgis()
    layer = QgsVectorLayer(argv[1], "war", "ogr")
    if not layer.isValid():
        sys.exit(f"qgis_active.py: QGIS cannot open {argv[1]}")
    result = {"qgis": Qgis.QGIS_VERSION,
              "fields": {f.name(): f.typeName() for f in layer.fields()},
              "dates": active(layer, argv[2:4], argv[4:])}
    print(json.dumps(result))
    sys.stdout.flush()
    # QGIS 3.22 can crash in exitQgis() while a layer is alive.
    del layer
    app.exitQgis()


if __name__ == "__main__":
    main(sys.argv)
