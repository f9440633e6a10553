"""`argmap slides`: a map as a deck of slides (build.py), written as a
folder of SVG, PNG or PDF slides, one PDF, a PowerPoint deck or a web page
deck (decks.py)."""
