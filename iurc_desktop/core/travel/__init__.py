"""Travel: legs, stays, arrangements, journeys and itineraries."""
