"""MS Journal's project package: settings, URLs and what every app shares."""

import os

# An app-server process answers one request at a time. If the numerical libraries each
# started a thread per core as well, the workers would fight over the same cores: on a
# busy two-core server the trigger analysis took six times as long that way.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
