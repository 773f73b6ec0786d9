// OpenBLAS's CBLAS interface (Debian: libopenblas-dev; `apt-get install libopenblas-dev`).
#include <cblas.h>
