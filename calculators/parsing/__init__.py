"""What a user types or pastes, read into numbers: whole numbers written the Danish way, the list size, the pasted
table of fee codes and counts (its cells, header and rows), and the »Følg op« fields. Anything that cannot be read
for certain raises InputError with a Danish message naming the line or the field; never a different number."""
