"""The exercises of every notebook, one module per notebook, keyed "NN.name" by notebook number."""
from . import nb01, nb02, nb03, nb04, nb05, nb06, nb07, nb08, nb09, nb10  # noqa: F401  (each registers its own)
