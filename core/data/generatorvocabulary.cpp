#include "data/generatorvocabulary.h"

namespace reclens {

namespace {

// Brand names are a stem and an ending; the lists are coprime-ish in length so that consecutive
// codes do not all share a stem.
const std::array<const char*, 29> kStems = {"Nord", "Sol", "Vel",  "Aur",  "Bri", "Cal",  "Dun", "Elm",
                                            "Fen",  "Gal", "Hal",  "Ivor", "Jun", "Kest", "Lum", "Mar",
                                            "Nov",  "Ori", "Pell", "Quin", "Ros", "Sten", "Tal", "Umbr",
                                            "Vard", "Wyn", "Yar",  "Zeph", "Cor"};
const std::array<const char*, 23> kEndings = {
    "wind", "ora",  "ex",    "ia",    "crest", "haven", "line", "mark",  "ford", "vale", "wick", "ton",
    "ara",  "ello", "stone", "brook", "field", "ium",   "ova",  "ridge", "well", "dale", "bay"};

}  // namespace

const std::vector<CategoryWords>& generatorCategories() {
  static const std::vector<CategoryWords> kCategories = {
      {"Kitchen",
       35.0,
       {"Ceramic", "Stainless", "Cast-Iron", "Nonstick", "Bamboo", "Enamel", "Copper", "Glass"},
       {"Tea Kettle", "Skillet", "Chef Knife", "Mixing Bowl", "Cutting Board", "Saucepan", "Spice Rack",
        "Coffee Grinder"}},
      {"Outdoor",
       60.0,
       {"Waterproof", "Ultralight", "Insulated", "Folding", "Rugged", "Packable", "Thermal", "Trail"},
       {"Tent", "Sleeping Bag", "Hiking Backpack", "Camping Stove", "Headlamp", "Rain Jacket",
        "Trekking Poles", "Water Filter"}},
      {"Electronics",
       120.0,
       {"Wireless", "Smart", "Portable", "Noise-Cancelling", "Compact", "Rechargeable", "4K", "Bluetooth"},
       {"Headphones", "Speaker", "Smartwatch", "Power Bank", "Webcam", "E-Reader", "Action Camera",
        "Charging Dock"}},
      {"Books",
       15.0,
       {"Illustrated", "Collected", "Pocket", "Annotated", "Hardcover", "Complete", "Classic", "Essential"},
       {"Cookbook", "Travel Guide", "Novel", "Poetry Collection", "History", "Field Guide", "Atlas",
        "Biography"}},
      {"Beauty",
       20.0,
       {"Hydrating", "Gentle", "Matte", "Radiant", "Vegan", "Soothing", "Silk", "Botanical"},
       {"Face Serum", "Lip Balm", "Night Cream", "Cleanser", "Eye Palette", "Hair Oil", "Sunscreen",
        "Body Lotion"}},
      {"Toys",
       25.0,
       {"Wooden", "Magnetic", "Plush", "Musical", "Stacking", "Remote-Control", "Glow", "Puzzle"},
       {"Train Set", "Building Blocks", "Teddy Bear", "Race Car", "Doll House", "Kite", "Board Game",
        "Marble Run"}},
      {"Garden",
       30.0,
       {"Galvanized", "Ergonomic", "Self-Watering", "Solar", "Terracotta", "Heavy-Duty", "Cedar", "Coiled"},
       {"Planter", "Pruning Shears", "Garden Hose", "Trowel", "Bird Feeder", "Compost Bin", "Path Light",
        "Seed Tray"}},
      {"Sports",
       45.0,
       {"Pro", "Breathable", "Adjustable", "Training", "Grip", "Lightweight", "Performance",
        "Shock-Absorbing"},
       {"Yoga Mat", "Dumbbell Set", "Running Shoes", "Jump Rope", "Tennis Racket", "Cycling Gloves",
        "Foam Roller", "Football"}},
      {"Fashion",
       40.0,
       {"Linen", "Merino", "Slim", "Relaxed", "Vintage", "Cotton", "Quilted", "Leather"},
       {"Shirt", "Sweater", "Chinos", "Dress", "Scarf", "Belt", "Tote Bag", "Sneakers"}},
      {"Home Decor",
       38.0,
       {"Handwoven", "Minimalist", "Rustic", "Velvet", "Marble", "Rattan", "Scented", "Framed"},
       {"Throw Pillow", "Table Lamp", "Wall Mirror", "Candle", "Rug", "Vase", "Wall Clock", "Photo Frame"}},
      {"Pet Supplies",
       22.0,
       {"Chew-Proof", "Orthopedic", "Reflective", "Washable", "Grain-Free", "Interactive", "Cozy", "Travel"},
       {"Dog Bed", "Cat Tree", "Leash", "Food Bowl", "Treat Pouch", "Scratching Post", "Pet Carrier",
        "Grooming Brush"}},
      {"Office",
       28.0,
       {"Ergonomic", "Recycled", "Desktop", "Adjustable", "Refillable", "Weekly", "Magnetic", "Stackable"},
       {"Notebook", "Desk Organizer", "Fountain Pen", "Monitor Stand", "Planner", "Desk Lamp", "File Box",
        "Whiteboard"}},
      {"Grocery",
       8.0,
       {"Organic", "Roasted", "Wholegrain", "Single-Origin", "Smoked", "Spiced", "Cold-Pressed", "Wild"},
       {"Coffee Beans", "Olive Oil", "Green Tea", "Granola", "Honey", "Pasta", "Dark Chocolate",
        "Hot Sauce"}},
      {"Health",
       18.0,
       {"Daily", "Sugar-Free", "Digital", "Travel", "Sensitive", "Herbal", "Extra-Strength", "Gentle"},
       {"Multivitamin", "Thermometer", "First Aid Kit", "Toothbrush", "Massage Gun", "Sleep Mask",
        "Protein Powder", "Hand Cream"}},
      {"Automotive",
       50.0,
       {"Heavy-Duty", "Universal", "Magnetic", "All-Weather", "Quick-Release", "Cordless", "LED", "Premium"},
       {"Floor Mats", "Phone Mount", "Tire Inflator", "Dash Cam", "Seat Cover", "Jump Starter",
        "Wiper Blades", "Car Vacuum"}},
      {"Baby",
       26.0,
       {"Soft", "Organic", "Convertible", "Anti-Colic", "Muslin", "Foldable", "Bamboo", "Swaddle"},
       {"Baby Blanket", "Bottle Set", "Play Mat", "Stroller Fan", "Teether", "Baby Carrier", "Bib Set",
        "Night Light"}},
      {"Music",
       70.0,
       {"Acoustic", "Studio", "Vintage", "Digital", "Compact", "Tuned", "Handcrafted", "Beginner"},
       {"Guitar", "Ukulele", "Keyboard", "Microphone", "Drum Pad", "Guitar Strings", "Metronome",
        "Headphone Amp"}},
      {"Tools",
       55.0,
       {"Cordless", "Precision", "Heavy-Duty", "Compact", "Magnetic", "Insulated", "Ratcheting", "Laser"},
       {"Drill", "Screwdriver Set", "Tape Measure", "Socket Set", "Level", "Utility Knife", "Workbench Clamp",
        "Stud Finder"}},
      {"Jewelry",
       65.0,
       {"Sterling", "Gold-Plated", "Pearl", "Minimal", "Engraved", "Rose-Gold", "Beaded", "Gemstone"},
       {"Necklace", "Earrings", "Bracelet", "Ring", "Pendant", "Anklet", "Cufflinks", "Brooch"}},
      {"Stationery",
       12.0,
       {"Dotted", "Pastel", "Kraft", "Washi", "Archival", "Fine-Tip", "Linen-Bound", "Pocket"},
       {"Sketchbook", "Gel Pens", "Sticky Notes", "Envelope Set", "Journal", "Marker Set", "Stamp Kit",
        "Greeting Cards"}},
  };
  return kCategories;
}

const std::vector<const char*>& generatorVariants() {
  static const std::vector<const char*> kVariants = {
      "Sage",  "Walnut", "Slate", "Ivory",  "Coral", "Navy",  "Charcoal", "Mustard",
      "Olive", "Sand",   "Plum",  "Copper", "Mint",  "Ocean", "Graphite", "Rust"};
  return kVariants;
}

int generatorBrandNameCount() {
  return static_cast<int>(kStems.size() * kEndings.size());
}

std::string generatorBrandName(int code) {
  // Walking stems and endings at different strides spreads consecutive codes over both lists.
  const auto stems = static_cast<int>(kStems.size());
  const auto endings = static_cast<int>(kEndings.size());
  const int stem = code % stems;
  const int ending = (code / stems + code) % endings;
  return std::string(kStems[static_cast<std::size_t>(stem)]) + kEndings[static_cast<std::size_t>(ending)];
}

}  // namespace reclens
