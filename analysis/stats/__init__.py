"""The statistics of the analysis, in plain Python: nothing here imports Django or another
part of the journal, so each module can be tested on hand-made days without a database."""
